# Utskrift av kort (R-CARD-10) och kortinnehavarens egen sida (R-HOLD-1, R-HOLD-2).

print-card-line = Kaikukortti – kostnadsfritt kulturkort
print-key-heading = Din nyckel
print-key-help = Vik den här delen bakom kortet. Med nyckeln och kortets kod ser du ditt kort på { $address }
print-title = Skriv ut kort
print-intro = Korten skrivs ut i sin riktiga storlek på A4-ark med skärmärken, vart och ett med sin kod, en QR-kod och en streckkod. Högst { $max } kort åt gången. Med innehavarnycklar får varje kort en vikdel med en egen nyckel för innehavarens egen sida; nycklarna sparas bara i en form som ingen kan läsa tillbaka och syns bara i den här filen.
print-replace-warning = { $count ->
    [one] Ett kort i det här intervallet har redan en innehavarnyckel. Om du skriver ut det igen får det en ny nyckel och den gamla slutar fungera.
   *[other] { $count } kort i det här intervallet har redan en innehavarnyckel. Om du skriver ut dem igen får de nya nycklar och de gamla slutar fungera.
} Bekräfta nedan för att fortsätta.
field-holder_keys = Skriv ut en innehavarnyckel på varje kort
hint-holder_keys = Med nyckeln och kortets kod ser innehavaren sitt kort på sidan ”Mitt kort”. Nyckeln syns bara i den här utskriften.
field-confirm_replace = Jag förstår att de tidigare nycklarna slutar fungera
action-print-start = Börja skriva ut
action-print-cards = Skriv ut kort
print-section-title = Utskrift
print-section-intro = Skriv ut ett intervall av serien som PDF för tryckeriet eller din egen skrivare.
print-status = Status
print-status-running = Skrivs ut…
print-status-done = Klar
print-status-failed = Misslyckades
print-status-interrupted = Avbröts
print-job-title = Utskrift av kort
print-progress = Klara kort (av { $total })
print-running-help = Du kan stänga sidan: utskriften fortsätter, och du hittar den på seriens sida.
action-refresh = Uppdatera
print-replaced = { $count ->
    [one] Ett kort fick en ny innehavarnyckel; dess tidigare nyckel fungerar inte längre.
   *[other] { $count } kort fick nya innehavarnycklar; deras tidigare nycklar fungerar inte längre.
}
print-status-replaced = Ersatt
print-replaced-later = Korten har sedan skrivits ut med nya nycklar, så nycklarna i den här filen fungerar inte längre. Filen lämnas inte ut.
error-print_replaced = Korten har sedan skrivits ut med nya nycklar, så nycklarna i den här filen fungerar inte längre. Använd den senare utskriften.
action-download-pdf = Ladda ner PDF
print-keys-once = Filen har innehavarnycklar och kan därför laddas ner bara en gång. Spara den innan du lämnar sidan.
print-keys-gone = Filen har laddats ner. Den hade innehavarnycklar och sparas därför inte.
print-again-help = Skriv ut intervallet igen.
action-back-to-series = Tillbaka till serien
error-print_range = numren ska ligga inom serien ({ $first }–{ $last }), och det första får inte komma efter det sista.
error-print_too_many = en utskrift rymmer högst { $max } kort; skriv ut ett större intervall i delar.
error-print_not_ready = Korten skrivs fortfarande ut. Vänta en stund och försök igen.
error-print_keys_gone = Filen hade innehavarnycklar och har redan laddats ner, så den sparas inte. Skriv ut intervallet igen: korten får nya nycklar.
error-print_number = skriv numret på ett kort i serien, till exempel 1001.

holder-path = /mitt-kort
holder-title = Mitt kort
holder-intro = Skriv ditt korts kod och din nyckel. Du ser om ditt kort gäller, var du har använt det och vad som är sparat om det.
field-holder_code = Kortets kod
hint-holder_code = Bokstäverna och siffrorna på ditt kort, till exempel E1234.
field-holder_key = Din nyckel
hint-holder_key = 8 bokstäver och siffror under vikningen på ditt kort.
action-holder-open = Visa mitt kort
holder-no-key-title = Ingen nyckel på ditt kort?
holder-no-key = Den här sidan gäller bara kort som skrivits ut med en nyckel. Fråga där du fick ditt kort: där kan de berätta vad som är sparat om det.
holder-valid-until = Ditt kort gäller till och med { $date }.
holder-not-valid-expired = Ditt kort gäller inte längre. Du kan förnya det där du fick det.
holder-not-valid-void = Det här kortet används inte längre. Be om ett nytt kort där du fick det.
holder-not-valid-in_stock = Det här kortet har inte delats ut ännu.
holder-not-valid-issued = Ditt kort kan inte användas just nu. Fråga där du fick det.
holder-uses-title = Var du har använt ditt kort
holder-uses-empty = Du har inte använt ditt kort ännu.
holder-tickets = { $count ->
    [one] 1 biljett
   *[other] { $count } biljetter
}
holder-cancelled = annullerad
holder-catalogue-title = Där ditt kort gäller: { $area }
holder-catalogue-intro = På de här ställena får du gratis biljetter med kortet. Fråga på stället hur du får dina biljetter. Dina egna barn och barnbarn får en biljett när de följer med dig (inte till kurser).
holder-stored-title = Vad som är sparat om ditt kort
holder-stored-intro = Här är allt som registret sparar om ditt kort. Ditt namn, din adress eller personbeteckning sparas aldrig.
action-holder-close = Stäng mitt kort
error-holder_no_match = Koden och nyckeln passar inte något kort med egen sida. Kontrollera båda och försök igen. Efter 5 felaktiga försök låses koden i en timme.
error-holder_locked = { $minutes ->
    [one] För många felaktiga försök. Försök igen om { $minutes } minut.
   *[other] För många felaktiga försök. Försök igen om { $minutes } minuter.
}
card-holder-page = Innehavarens egen sida
card-holder-page-yes = Ja: utskrivet med innehavarnyckel { $date }.
card-holder-page-no = Nej: kortet skrevs ut utan innehavarnyckel. Innehavaren kan fråga här vad som är sparat om kortet.

footer-nav = Om tjänsten
footer-accessibility = Tillgänglighetsutlåtande
footer-privacy = Dataskyddsbeskrivning
footer-holder = Mitt kort

brochure-rules-title = Så fungerar kortet
brochure-rule-personal = Kortet är personligt. Visa det när du hämtar din biljett, eller berätta dess kod när du bokar.
brochure-rule-children = Dina barn och barnbarn som följer med får också gratis biljetter, så många som ditt kort anger.
brochure-rule-assistant = Om du har en funktionsnedsättning kommer din assistent, tolk eller ledsagare in gratis. Hen behöver en egen biljett.
brochure-rule-ask = Med Kaikukortti finns det högst ett visst antal biljetter till varje evenemang, och de bokas i tid som andra biljetter. Fråga på stället hur du får dina biljetter.
brochure-rule-valid = Kortet gäller i 12 månader. Du kan förnya det där du fick det.
brochure-venues-title = Ställen
brochure-offering-title = Kommande evenemang och kurser
brochure-col-when = När
brochure-col-what = Evenemang eller kurs
brochure-col-venue = Ställe
brochure-col-terms = Med Kaikukortti
