app-subtitle = register
skip-to-content = Hoppa till innehållet
footer-text = Kaikukortti – ett avgiftsfritt kulturkort. Kortinnehavarens namn och personbeteckning sparas aldrig i registret.
required = obligatorisk
yes = Ja
no = Nej
choose-none = – välj –

nav-languages = Språk
nav-main = Huvudmeny
nav-home = Startsida
nav-areas = Områden
nav-accounts = Användarkonton
nav-audit = Händelselogg
nav-own-account = Mitt konto

home-title = Kaikukortti-registret
home-intro = I Kaikukortti-registret förs utdelade kort och de avgiftsfria biljetter som fåtts med dem. Logga in med ditt arbetskonto.
home-roles = Dina uppgifter
home-no-roles = Ditt konto har ännu inga uppgifter. Be områdets ansvarsperson lägga till dem.

login-title = Logga in
login-help = Om du har glömt ditt lösenord, kontakta Kaikukortti-ansvarspersonen i ditt område.

role-national_admin = Riksomfattande administratör
role-area_coordinator = Områdets ansvarsperson
role-issuer = Utdelare av kort
role-venue_staff = Kulturaktörens personal
role-whole-country = Hela landet

lang-fi = finska
lang-sv = svenska
lang-en = engelska

point-type-municipal_social_services = Kommunens socialtjänst
point-type-health_centre = Hälsocentral
point-type-parish = Församling
point-type-ngo = Organisation
point-type-other = Annan

sector-theatre = Teater
sector-music = Musik
sector-dance = Dans
sector-museum = Museum
sector-visual_arts = Bildkonst
sector-cinema = Biograf
sector-festival = Festival
sector-library = Bibliotek
sector-adult_education = Vuxenutbildning
sector-science_centre = Vetenskapscenter
sector-circus = Cirkus
sector-sports = Motion
sector-swimming_hall = Simhall
sector-other = Annan

channel-box_office = Biljettkassa
channel-ticket_agency = Biljettförmedlare
channel-phone = Telefon
channel-other = Annan

field-name = Namn
field-trial_ends = Försöket upphör
field-local_only = Endast områdets egna kort och aktörer
field-municipality_codes = Kommunnummer
field-brochure_languages = Broschyrens språk
field-type = Typ
field-active = I bruk
field-sector = Bransch
field-address = Adress
field-website = Webbplats
field-accessibility = Tillgänglighet
field-sales_channels = Försäljningskanaler
field-restrictions = Begränsningar
field-free_cloakroom = Avgiftsfri garderob
field-contact_name = Kontaktperson
field-contact_phone = Kontaktpersonens telefon
field-contact_email = Kontaktpersonens e-post
field-username = Användarnamn
field-national = Nationellt konto
field-password = Lösenord
field-role = Uppgift
field-area = Område
field-distribution_point = Utdelningsställe
field-venue = Kulturaktör
field-current_password = Nuvarande lösenord
field-new_password = Nytt lösenord
field-new_password_again = Nytt lösenord igen
field-token_name = Nyckelns namn

hint-trial_ends = Om området har ett försök gäller korten högst till detta datum. Lämna tomt om det inte finns något försök.
hint-local_only = Områdets kort kan användas endast hos områdets egna aktörer, och aktörerna tar emot endast områdets kort.
hint-municipality_codes = Tresiffriga kommunnummer åtskilda med komma, till exempel 091, 049.
hint-restrictions = Visas offentligt, till exempel gästföreställningar som inte omfattas av Kaikukortti.
hint-accessibility = Till exempel hinderfri ingång, hörslinga, rullstolsplatser.
hint-username = 3–64 tecken: små bokstäver a–z, siffror och tecknen . _ - @
hint-national = För ett konto som behöver roller i flera områden (till exempel en biljettförmedlare). Det hanteras av nationella huvudanvändare; ett områdes konto av områdets ansvarspersoner.
hint-password = Minst 10 tecken. Meddela lösenordet tryggt till personen; hen kan själv byta det.
hint-new_password = Minst 10 tecken.
hint-area = För områdets ansvarsperson.
hint-distribution_point = För utdelare av kort.
hint-venue = För kulturaktörens personal.
hint-token_name = Till exempel biljettsystemets namn.

action-login = Logga in
action-logout = Logga ut
action-home = Till startsidan
action-save = Spara
action-cancel = Avbryt
action-new-area = Nytt område
action-create-area = Skapa område
action-edit-area = Redigera området
action-new-point = Nytt utdelningsställe
action-create-point = Skapa utdelningsställe
action-new-venue = Ny kulturaktör
action-create-venue = Skapa kulturaktör
action-back-to-area = Tillbaka till området
action-back-to-venue = Tillbaka till kulturaktören
action-create-token = Skapa nyckel
action-revoke = Ta ur bruk
action-revoke-named = Ta ur bruk nyckeln { $name }
action-new-account = Nytt användarkonto
action-create-account = Skapa användarkonto
action-add-role = Lägg till uppgift
action-remove-role = Ta bort uppgift
action-reset-password = Ange nytt lösenord
action-deactivate = Stäng kontot
action-activate = Öppna kontot igen
action-back-to-accounts = Tillbaka till användarkonton
action-change-password = Byt lösenord

notice-saved = Sparat.
notice-password-changed = Lösenordet är bytt. Dina andra sessioner har loggats ut.
notice-password-change-required = Ditt lösenord har ställts in av någon annan. Välj ett nytt lösenord som bara du känner till, så kan du fortsätta.

areas-title = Områden
areas-empty = Det finns inga områden ännu.
area-title = Område
area-new-title = Nytt område
area-edit-title = Redigera området
area-no-trial = Inget försök
area-local-only-yes = Ja: korten gäller endast hos områdets egna aktörer
area-staff-title = Områdets personal

points-title = Utdelningsställen
points-empty = Området har ännu inga utdelningsställen.
point-title = Utdelningsställe
point-new-title = Nytt utdelningsställe

venues-title = Kulturaktörer
venues-empty = Området har ännu inga kulturaktörer.
venue-title = Kulturaktör
venue-new-title = Ny kulturaktör
venue-assistant-note = Inträdet för en assistent, tolk eller ledsagare är alltid avgiftsfritt; det visas i broschyren vid varje aktör.

tokens-title = API-nycklar
tokens-intro = Med en API-nyckel kan ett biljettsystem kontrollera kort och registrera biljetter för { $venue }, inget annat.
token-new-title = Ny nyckel
token-created-title = Nyckeln har skapats
token-created-once = Kopiera nyckeln nu. Den visas bara denna gång; registret sparar endast dess hashvärde.
tokens-list-title = Nycklar
tokens-empty = Det finns inga nycklar.
token-created = Skapad
token-maker = Skapad av
token-last-used = Senast använd
token-never-used = aldrig
account-tokens-title = Nycklar för kulturaktörer som kontot har skapat
account-tokens-intro = Nycklarna fungerar även efter att kontot stängts. Återkalla varje nyckel som ska sluta fungera på kulturaktörens nyckelsida.
token-state = Status
token-actions = Åtgärder
token-active = I bruk
token-revoked = Tagen ur bruk

accounts-title = Användarkonton
accounts-empty = Det finns inga användarkonton.
account-new-title = Nytt användarkonto
account-new-intro = Skapa ett konto för en anställd och välj hens uppgift. Välj utdelningsställe för en utdelare av kort, kulturaktör för personal och område för en ansvarsperson.
account-add-role-title = Lägg till en uppgift för ett befintligt konto
account-add-role-intro = Ett konto kan ha flera uppgifter, till exempel en biljettförmedlare för varje aktör den säljer biljetter för.
account-title = Användarkonto
account-inactive = Stängt
account-roles-title = Uppgifter
account-role-place = Var
account-add-grant-title = Lägg till uppgift
account-failures-title = Misslyckade inloggningar
account-failures-intro = { $count ->
    [one] Någon försökte logga in på det här kontot med fel lösenord en gång under de senaste 15 minuterna.
   *[other] Någon försökte logga in på det här kontot med fel lösenord { $count } gånger under de senaste 15 minuterna.
}
account-failures-delay = Varje inloggning på kontot väntar nu { $seconds } s.
account-failures-address = Adress
account-failures-count = Misslyckanden
account-failures-locked = Spärrad
account-failures-unlock-hint = En adress spärras i 15 minuter efter fem misslyckanden; andra adresser spärras inte. Om det är kontots ägare som är spärrad, försäkra dig om att det är hen (ring) och häv spärren.
action-unlock = Häv spärren
account-reset-title = Glömt lösenord
account-reset-intro = Ange ett nytt lösenord och meddela det tryggt till personen. Alla hens sessioner avslutas.
account-active-title = Kontots status

own-account-title = Mitt konto
own-password-title = Byt lösenord

audit-title = Händelselogg
audit-intro = Varje ändring förs in här permanent: vem, när, vad och vilken post.
audit-empty = Loggen har inga händelser.
audit-at = Tid
audit-actor = Utförare
audit-action = Åtgärd
audit-record = Post
audit-detail = Tilläggsuppgift
audit-older = Äldre händelser

error-page-title = Fel
error-status = Felkod { $status }
error-summary-title = Rätta följande
error-required = uppgiften saknas.
error-too_long = { $max ->
    [one] texten är för lång (högst { $max } tecken).
   *[other] texten är för lång (högst { $max } tecken).
}
error-control_character = texten innehåller ett tecken som inte kan sparas. Skriv texten på nytt.
error-identity_code = texten innehåller en personbeteckning. Personbeteckningar sparas inte i registret – ta bort den.
error-not_a_date = datumet duger inte. Ange det i formen åååå-mm-dd.
error-invalid_choice = välj ett av alternativen i listan.
error-invalid_url = webbadressen ska börja med https:// eller http://.
error-invalid_email = e-postadressen duger inte.
error-invalid_phone = telefonnumret duger inte. Använd siffror och vid behov tecknet +.
error-invalid_municipality = Ett kommunnummer har tre siffror, till exempel 091. Skilj numren åt med kommatecken.
error-invalid_username = använd 3–64 tecken: små bokstäver a–z, siffror och tecknen . _ - @
error-password_too_short = lösenordet ska ha minst { $min } tecken.
error-password_too_long = lösenordet får ha högst { $max } tecken.
error-passwords_differ = lösenorden är inte lika. Skriv samma nya lösenord i båda fälten.
error-password_weak = lösenordet är för lätt att gissa. Välj en längre fras som inte finns i ordlistor eller bland vanliga lösenord, till exempel fyra ord utan samband.
error-password_has_name = lösenordet får inte innehålla användarnamnet. Välj ett lösenord utan ditt namn.
error-place_inactive = Platsen där du arbetar (kulturaktören eller utdelningsplatsen) är markerad som inaktiv i kaiku, så du kan inte arbeta där. Om den är verksam igen, be områdets kontaktperson markera den som aktiv.
error-out_of_range = värdet ska vara mellan { $min } och { $max }. Ange ett värde i det intervallet.
error-password_unchanged = Välj ett annat lösenord än det nuvarande.
error-invalid_input = Uppgifterna innehåller ett fel.
error-not_logged_in = Du är inte inloggad. Logga in och försök igen.
error-forbidden = Du har inte behörighet till detta. Om du behöver behörigheten, be områdets ansvarsperson om den.
error-password_change_required = Byt först lösenordet som någon annan har ställt in åt dig: välj ett eget lösenord under Mitt konto. Därefter kan du fortsätta.
error-cannot_grant_own_account = Du kan inte ge roller till ditt eget konto. Be en annan ansvarsperson i området eller en nationell huvudanvändare om det.
error-statistics_whole_years_only = Utanför området visas statistiken bara för hela kalenderår. Välj ett år.
error-statistics_not_submitted = Området har ännu inte skickat årets statistik. Siffrorna syns här när områdets samordnare skickar dem.
error-statistics_live_inside_area_only = Siffror beräknade nu ur registret ser bara områdets egen samordnare. Nationellt visas siffrorna som områdena skickat.
error-item_has_tickets = Evenemanget har redan Kulturkortet-biljetter och kan därför inte tas bort. Markera det som slutsålt eller stäng det för kortet.
error-grant_outside_home = Ett områdes konto kan bara ha roller inom sitt eget område. Om personen behöver roller i flera områden (till exempel en biljettförmedlare), be en nationell huvudanvändare om ett nationellt konto.
error-account_keys_at_home = Kontot hör till ett område, och dess lösenord, aktivering och roller sköts av områdets samordnare. En nationell huvudanvändare kan bara inaktivera kontot. Be områdets samordnare göra ändringen.
error-national_admin_reads_no_cards = Ett konto med rollen nationell huvudanvändare kan inte ha en roll vid en utdelningsplats eller i en biljettkassa, eftersom de visar kortens koder, som den nationella stödtjänsten inte ser. Skapa ett separat konto för rollen.
account-keys-at-home-note = Kontot hör till ett område: dess lösenord och roller sköts av områdets samordnare. Du kan inaktivera kontot om det missbrukas.
error-not_found = Sidan eller posten hittades inte. Kontrollera adressen.
error-bad_credentials = Användarnamnet eller lösenordet är fel. Kontrollera dem och försök igen.
error-too_many_attempts = { $minutes ->
    [one] För många misslyckade försök. Försök igen om { $minutes } minut.
   *[other] För många misslyckade försök. Försök igen om { $minutes } minuter.
}
error-csrf_token_invalid = Formuläret har föråldrats. Ladda om sidan och skicka formuläret en gång till.
error-unsupported_media_type = Begärans format duger inte. Skicka uppgifterna som JSON (Content-Type: application/json).
error-payload_too_large = De skickade uppgifterna är för stora. Skicka en mindre fil eller färre uppgifter åt gången.
error-malformed_body = Begärans innehåll är inte giltiga uppgifter för denna åtgärd.
error-malformed_field = Fältet { $field } har fel typ av värde eller så är fältet okänt.
error-unavailable = Databasen svarar inte just nu. Försök igen om en stund.
error-internal_error = Ett fel inträffade i systemet. Ingenting sparades. Försök igen; om felet upprepas, kontakta supporten.
error-already_exists = En likadan post finns redan.
error-area_name_taken = Ett område med detta namn finns redan. Välj ett annat namn.
error-point_name_taken = Området har redan ett utdelningsställe med detta namn. Välj ett annat namn.
error-venue_name_taken = Området har redan en kulturaktör med detta namn. Välj ett annat namn.
error-username_taken = Användarnamnet är redan i bruk. Välj ett annat eller lägg till uppgiften för det befintliga kontot.
error-grant_exists = Kontot har redan denna uppgift.
error-cannot_remove_own_admin = Du kan inte ta bort din egen administratörsuppgift. Be en annan administratör göra det.
error-use_own_password_form = Byt ditt eget lösenord på sidan Mitt konto.
error-cannot_deactivate_self = Du kan inte stänga ditt eget konto.
error-current_password_wrong = Det nuvarande lösenordet är fel. Lösenordet byttes inte.
error-method_not_allowed = Denna åtgärd kan inte göras på denna adress.
error-timeout = Begäran tog för lång tid. Försök igen.

# ---------- kort (issue 3) ----------
nav-cards = Kort
nav-check = Kontrollera ett kort
action-search = Sök
action-print = Skriv ut
cards-search-label = Kortets kod
cards-stock-title = Kortlager
cards-recent-title = Kort
cards-empty = Inga kort hittades.
cards-point-title = Kort
series-list-title = Tryckta serier
series-empty = Inga serier har registrerats ännu.
series-codes = Koder
series-title = Serie
series-new-title = Registrera en tryckt kortserie
series-new-intro = Ange koderna som tryckts på korten: ett prefix och ett nummerintervall (E + 1…5000 ger E1…E5000; med bredden 4 E0001…E5000). Alla kort i serien förs till områdets lager.
series-unallocated = Inte fördelade
action-new-series = Registrera en serie
action-create-series = Registrera serien
action-back-to-stock = Tillbaka till kortlagret
allocations-title = Fördelade till utdelningsställen
allocations-empty = Inget har fördelats ännu: alla områdets utdelningsställen kan dela ut kort ur serien.
allocate-title = Fördela kort till ett utdelningsställe
allocate-intro = Seriens nummer: { $range }.
action-allocate = Fördela
by-point-title = Kort per utdelningsställe
count-in_stock = I lager
count-issued = Giltiga
count-expired = Utgångna
count-void = Ogiltigförklarade
check-none = Inget kontrolltecken
check-luhn = Luhn (endast siffror)
check-mod37 = ISO 7064 MOD 37,36
field-prefix = Prefix
field-first = Första nummer
field-last = Sista nummer
field-width = Bredd
field-check = Kontrolltecken
hint-prefix = Bokstäver eller siffror före numret, till exempel E. Lämna tomt om koderna är enbart siffror.
hint-width = Fyll ut numren med nollor till denna längd (4 ger E0001). Lämna tomt om korten saknar inledande nollor.
hint-check = Om de tryckta koderna slutar med ett kontrolltecken, välj hur det räknas.
field-code = Kortets kod
hint-code = Som på kortet; mellanslag och bindestreck spelar ingen roll.
field-kind = Korttyp
card-kind = Typ
card-kind-personal = Personligt kort
card-kind-community = Samfundskort
card-status = Status
card-status-in_stock = I lager (inte utdelat)
card-status-issued = Giltigt
card-status-expired = Utgånget
card-status-void = Ogiltigförklarat
card-valid-from = Giltigt från
card-valid-until = Giltigt till
card-organisation = Organisation
card-title = Kort
card-issue-title = Dela ut ett personligt kort
card-issue-community-title = Dela ut ett samfundskort
card-renew-title = Förnya kort
card-issue-intro = Blanketten för överlåtelse. Innehavarens namn skrivs endast på kortet, aldrig här. Fråga bara det som klienten vill berätta; "vill inte uppge" är alltid ett svar.
card-issue-community-intro = Ett samfundskort hör till din organisation; organisationens namn skrivs på kortet, ingen persons namn. När en anställd ordnar ett smågruppsbesök för sina klienter eller deltar på tu man hand med en klient får hen med kortet en gratis biljett för sig själv och för klienter under 16 år. Också organisationens volontärer och studerande kan använda kortet. Varje klient som fyllt 16 har ett eget Kaikukortti. Med samfundskortet får man inga kursplatser.
card-valid-until-preview = Kortet är giltigt till
card-valid-until-preview-end = .
card-trial-note = Området har ett försök: korten är giltiga högst till försökets slut.
action-issue = Dela ut kortet
action-issue-personal = Dela ut ett personligt kort
action-issue-community = Dela ut ett samfundskort
action-issue-next = Dela ut följande kort
action-renew = Förnya kortet
field-grant_date = Beviljningsdag
hint-grant_date = I dag, eller datumet på en pappersblankett som förs in senare. Aldrig ett kommande datum.
field-birth_year = Födelseår
hint-birth_year = Endast året, fyra siffror (aldrig födelsedatumet).
field-confirmed_at_least_16 = Klienten har fyllt 16 år
field-mother_tongue = Modersmål
field-gender = Kön
field-postal_code_kind = Hemmets postnummer
field-postal_code = Postnummer
hint-postal_code = Fem siffror, om klienten har ett postnummer.
field-minor_children = Barn och barnbarn under 18 år
hint-minor_children = Egna och i samma hushåll boende barn och barnbarn under 18 år (0–20). Skrivs på kortet: det begränsar barnbiljetterna.
field-life_situations = Livssituation
hint-life_situations = Kryssa för alla som gäller. Inget kryss betyder "vill inte uppge".
gender-woman = kvinna
gender-man = man
gender-other = annat
gender-not_stated = vill inte uppge
postal-kind-code = Postnummer (nedan)
postal-kind-no_permanent_address = Ingen stadigvarande adress
postal-kind-not_stated = Vill inte uppge
card-issued-title = Kortet har delats ut
card-renewed-title = Kortet har förnyats
card-write-on-card = Skriv på kortet:
card-tell-client = Berätta för klienten att kortet är giltigt till { $date } och att det är personligt: endast innehavaren får använda det.
card-voided-notice = Kortet är ogiltigförklarat. Det kan inte längre användas.
card-history-title = Historik
card-history-empty = Ingenting har ännu hänt med kortet.
card-event-issued = Utdelat
card-event-renewed = Förnyat
card-event-voided = Ogiltigförklarat
card-void-title = Ogiltigförklara kortet
field-reason = Orsak
field-note = Tilläggsuppgift
hint-note = Obligatorisk när orsaken är "Annan". Aldrig ett namn eller en personbeteckning.
void-reason-lost = Förlorat
void-reason-destroyed = Förstört
void-reason-returned = Återlämnat
void-reason-other = Annan
action-void = Ogiltigförklara kortet
subject-access-title = Allt som sparats under denna kod
subject-access-intro = För en kortinnehavare som frågar vad som sparats om kortet (dataskydd). Registret innehåller inget namn, ingen personbeteckning, inget födelsedatum och ingen adress.
subject-access-printed = Utskrivet { $time }.
check-title = Kontrollera ett kort
action-check = Kontrollera
check-valid = giltigt
check-not-valid = inte giltigt
check-privacy = Kontrollen visar endast om kortet är giltigt; inget om dess innehavare.
error-card_unknown = Det finns inget kort med denna kod. Kontrollera koden på kortet.
error-card_lookups_paused = { $minutes ->
    [one] Från det här kontot har för många koder som inte finns i registret kontrollerats inom en timme, så kontrollen av kort har paus i { $minutes } minut. Kontrollera koden på kortet noggrant. Om det här upprepas, kontakta områdets samordnare.
   *[other] Från det här kontot har för många koder som inte finns i registret kontrollerats inom en timme, så kontrollen av kort har paus i { $minutes } minuter. Kontrollera koden på kortet noggrant. Om det här upprepas, kontakta områdets samordnare.
}
error-card_check_character = Koden har ett skrivfel: det sista tecknet stämmer inte. Kontrollera koden på kortet.
error-card_other_area = Kortet hör till ett annat Kaikukortti-område. Kort delas ut endast ur det egna områdets lager.
error-card_allocated_elsewhere = Kortet finns i ett annat utdelningsställes lager. Dela ut ett kort ur ditt eget lager, eller be ansvarspersonen flytta det.
error-card_already_issued = Kortet har redan delats ut och är giltigt till { $date }. Kontrollera koden, eller förnya kortet mot slutet av dess giltighet.
error-card_expired_use_renew = Kortet har redan delats ut och dess giltighet har gått ut. Förnya kortet.
error-card_void = Det här kortet används inte längre. Ett nytt kort får man på ett utdelningsställe.
error-card_not_issued = Det här kortet har ännu inte getts till någon. Kontrollera koden på kortet.
error-card_expired = Kortets giltighet gick ut { $date }. Kortet kan förnyas där man fick det.
error-card_not_yet_renewable = Kortet är fortfarande giltigt. Det kan förnyas från { $date }.
error-card_kind_differs = Ett kort förnyas som samma typ; dela ut ett nytt kort för en annan typ.
error-card_changed = Någon ändrade kortet alldeles nyss. Ladda om sidan och försök igen.
error-card_code_too_long = en kortkod har högst 16 bokstäver och siffror.
error-card_code_bad_character = koden innehåller ett tecken som inte finns i kortkoder. Använd bokstäverna A–Z och siffror.
error-series_prefix = prefixet får bara ha bokstäverna A–Z och siffror.
error-series_order = det sista numret får inte vara mindre än det första.
error-series_too_many = en serie kan ha högst { $max } kort; registrera en större upplaga i delar.
error-series_negative = numren kan inte vara negativa.
error-series_code_too_long = koderna skulle bli längre än 16 tecken. Använd ett kortare prefix eller en mindre bredd.
error-series_luhn_digits = Luhn fungerar endast för koder av siffror. Välj ISO 7064 för koder med bokstäver.
error-series_overlaps = Kortet { $code } finns redan i registret. Serierna får inte överlappa någonstans i landet.
error-allocation_range = numren ska ligga inom serien ({ $first }–{ $last }), och det första får inte komma efter det sista.
error-allocation_overlaps = Kortet { $code } har redan fördelats till ett annat utdelningsställe.
error-grant_date_future = beviljningsdagen kan inte ligga i framtiden.
error-grant_date_after_trial = områdets försök upphörde { $date }: efter det kan inga kort delas ut.
error-under_16 = klienten ska ha fyllt 16: födelseåret kan vara högst { $latest }.
error-birth_year_range = ange födelseåret med fyra siffror (1900–{ $latest }).
error-age_not_confirmed = bekräfta att klienten har fyllt 16 år.
error-postal_code = ett postnummer har fem siffror. Välj "Ingen stadigvarande adress" eller "Vill inte uppge" om det saknas.
error-children_range = ange ett tal mellan 0 och { $max }.
error-not_stated_with_others = "Vill inte uppge" kan inte kryssas för tillsammans med andra livssituationer.

# ---------- nationella listor ----------
nav-lists = Listor
lists-title = Blankettens listor
lists-intro = Modersmål och livssituationer är riksomfattande listor. Du kan lägga till alternativ och ta dem ur bruk; redan sparade svar bevaras. "Annat" och "vill inte uppge" är alltid i bruk.
list-mother_tongue = Modersmål
list-life_situation = Livssituationer
list-out-of-use = Tagen ur bruk
list-add-title = Lägg till ett alternativ
list-entry-title = Alternativ
list-entry-intro = Ändra namnen eller ta alternativet ur bruk. Koden ändras inte, så att statistiken förblir jämförbar.
action-add-entry = Lägg till
field-list = Lista
field-label_fi = Namn på finska
field-label_sv = Namn på svenska
field-label_en = Namn på engelska
error-option_code = ett modersmål har en ISO 639-kod (2–3 bokstäver, t.ex. kmr); en livssituation små bokstäver och understreck.
error-option_exists = Listan har redan denna kod.
error-option_fixed = "Annat" och "vill inte uppge" är alltid i bruk.

# ---------- utbud (issue 4) ----------
nav-offering = Utbud
nav-cap-policy = Regler för övre gräns
items-title = Utbud
item-new-title = Nytt evenemang eller ny kurs
item-edit-title = Ändra ett evenemang eller en kurs
item-form-intro = Varje evenemang och kurs omfattas av Kaikukortti om du inte avgränsar det med en offentlig motivering. Den övre gränsen ska följa den riksomfattande regeln; utan övre gräns är gränsen endast kapaciteten. Den övre gränsen betyder inte att biljetter hålls reserverade för Kaikukortti-innehavare: de reserverar i tid som andra.
action-new-item = Nytt evenemang eller ny kurs
action-publish = Publicera
action-remove-item = Ta bort
items-venue-profile = Aktörens uppgifter
items-upcoming = Endast kommande
items-all = Visa också tidigare
items-empty = Inga evenemang eller kurser ännu.
items-windows = Tidsgränser
items-state = Status
items-booking-days = { $days ->
    [one] kan bokas { $days } dag före
   *[other] kan bokas { $days } dagar före
}
items-redeem-minutes = kan lösas in { $minutes } min före
items-excluded = Inte med Kaikukortti
items-sold-out = Slutsålt
items-open = Öppet
item-type-event = Evenemang
item-type-course = Kurs
field-title = Namn
field-starts_at = Börjar
hint-starts_at = Datum och klockslag i finsk tid. För en kurs dess första dag.
field-capacity = Kapacitet (platser)
field-class = Klass för regeln om övre gräns
hint-class = Liten föreställning: högst 50 platser. Mycket liten: högst 10 (försöksregel). Stort evenemang: över 1000.
field-cap = Övre gräns för Kaikukortti
hint-cap = Lämna tomt om det inte finns någon övre gräns. Grundregel: minst 5 % av kapaciteten.
field-booking_opens_days_before = Kan bokas (dagar före)
hint-booking_opens_days_before = Lämna tomt om biljetterna kan bokas när som helst, t.ex. 30 för en månad före.
field-redeem_opens_minutes_before = Kan lösas in (minuter före)
hint-redeem_opens_minutes_before = Lämna tomt om biljetten kan hämtas när som helst, t.ex. 30.
field-sold_out = Slutsålt
field-excluded = Avgränsat utanför Kaikukortti
field-exclusion_reason = Offentlig motivering för avgränsningen
hint-exclusion_reason = Visas i broschyren, t.ex. en gästföreställning.
field-repeat = Upprepa
field-repeat_until = Upprepa till
class-default = Grund
class-small_performance = Liten föreställning
class-very_small_performance = Mycket liten föreställning (försöksregel)
class-large_event = Stort evenemang (över 1000)
class-swimming_hall_day = Simhallsdag (försöksregel)
class-guest_producer = Gästproducent
repeat-none = Endast en gång
repeat-weekly = Varje vecka
repeat-daily = Varje dag
cap-policy-title = Riksomfattande regler för övre gräns
cap-policy-intro = Den lägsta övre gräns ett evenemang eller en kurs får ha, per klass. En ny version gäller evenemang och kurser från och med dess datum; tidigare evenemang och kurser behåller regeln de publicerades under.
cap-policy-new-title = En ny version av reglerna
cap-col-small = Liten (platser: övre gräns)
cap-col-very-small = Mycket liten (försök)
cap-col-large = Stor (platser: övre gräns)
cap-col-guest = Gästproducent
cap-trial-off = inte i kraft
field-effective_from = I kraft från
field-default_percent = Grund: procent av kapaciteten
field-small_max_capacity = Liten föreställning: högst platser
field-small_min_cap = Liten föreställning och kurs: lägsta övre gräns
field-very_small_max_capacity = Mycket liten föreställning: högst platser
hint-very_small_max_capacity = Försöksregel (övre gräns 0 eller 1). Lämna tomt när den inte är i kraft.
field-large_min_capacity = Stort evenemang: fler platser än
field-large_min_cap = Stort evenemang: lägsta övre gräns
field-swimming_min_cap = Simhallsdag: lägsta övre gräns
hint-swimming_min_cap = Försöksregel. Lämna tomt när den inte är i kraft.
field-guest_min_cap = Gästproducent: lägsta övre gräns
field-guest_max_cap = Gästproducent: högsta övre gräns
error-cap_below_percent = { $capacity ->
    [one] för en föreställning med { $capacity } plats ska den övre gränsen vara minst { $min } ({ $percent } %).
   *[other] för en föreställning med { $capacity } platser ska den övre gränsen vara minst { $min } ({ $percent } %).
}
error-cap_below_minimum = den övre gränsen för denna klass ska vara minst { $min }.
error-cap_course_minimum = { $min ->
    [one] en kurs ska erbjuda Kaikukortti minst { $min } plats.
   *[other] en kurs ska erbjuda Kaikukortti minst { $min } platser.
}
error-cap_above_capacity = den övre gränsen kan inte vara större än kapaciteten ({ $capacity }).
error-cap_guest_range = en gästproducents övre gräns är { $min }–{ $max }.
error-cap_very_small = en mycket liten föreställnings övre gräns kan vara 0 eller 1.
error-class_small_capacity = { $limit ->
    [one] denna klass gäller högst { $limit } plats. Välj en annan klass.
   *[other] denna klass gäller högst { $limit } platser. Välj en annan klass.
}
error-class_large_capacity = { $limit ->
    [one] ett stort evenemang har över { $limit } plats. Välj en annan klass.
   *[other] ett stort evenemang har över { $limit } platser. Välj en annan klass.
}
error-class_trial_off = denna försöksregel är inte i kraft { $date }. Välj en annan klass.
error-class_not_swimming_hall = simhallsdagar är för simhallar.
error-series_too_long = en serie kan ha högst { $max } datum; upprepa till ett tidigare datum.
error-policy_in_past = en ny version träder i kraft i dag eller senare, aldrig i det förflutna.
error-policy_date_taken = En annan version träder redan i kraft detta datum.

# ---------- broschyr ----------
catalogue-title = Var kortet gäller
catalogue-intro = Med Kaikukortti får du gratis biljetter till allt som finns på den här sidan. Visa kortet när du hämtar biljetten eller säg dess kod när du bokar. Dina egna barn och barnbarn får en gratis biljett till samma evenemang som du (inte till kurser). Din assistent, tolk eller ledsagare kommer alltid in gratis.
catalogue-any = Alla
catalogue-count = { $count ->
    [one] { $count } kulturaktör
   *[other] { $count } kulturaktörer
}
catalogue-cap = { $cap ->
    [one] högst { $cap } biljett med Kaikukortti
   *[other] högst { $cap } biljetter med Kaikukortti
}
catalogue-booking-from = biljetterna kan bokas från { $date }
catalogue-redeem-from = biljetterna kan hämtas från kl. { $time }
catalogue-assistant = Assistent, tolk eller ledsagare till en person med funktionsnedsättning kommer in gratis
catalogue-where-tickets = Var man får biljetter
catalogue-cloakroom = Garderoben är gratis
catalogue-no-items = Inget daterat utbud under perioden: fråga aktören.
catalogue-exclusions = Inte med Kaikukortti:
catalogue-local-only = Områdets kort gäller endast hos områdets egna aktörer, och aktörerna tar emot endast områdets kort.
field-municipality = Kommunnummer
field-from = Från
field-to = Till
field-ticket_agency = Biljettförmedlare
hint-ticket_agency = Förmedlaren som aktören säljer genom, t.ex. Lippupiste.
field-municipality_code = Kommunnummer
hint-municipality_code = Tre siffror, för broschyrens filter.
brochure-title = Broschyr
brochure-pdf = Broschyren som PDF
brochure-intro = Kaikukortti är ett personligt kort som ger dig gratis biljetter till kultur. Ta med kortet. Din assistent, tolk eller ledsagare kommer in gratis.
brochure-period = Utbud { $period }.

# box office (SPEC §6)
nav-box-office = Biljettkassa
box-office-title = Biljettkassa
box-office-choose = Välj kulturaktör
box-office-no-venues = Du sköter inte någon kulturaktörs biljettkassa.
backlog-title = Besök som förts in på papper
backlog-link = För in besök från papper
backlog-intro = Besök som först skrevs på papper förs in här för det evenemang de gällde. Kortets giltighet och den övre gränsen kontrolleras för den dagen; bokning- och avhämtningstider inte.
box-office-item-tickets = Biljetter som registrerats för evenemanget
box-office-may = avgiftsfria biljetter kan ges
box-office-may-not = inga avgiftsfria biljetter
box-office-ok = Biljetter som kan ges: vuxna { $adults }, barn { $children }. Tryck Enter eller på knappen för att registrera dem.
box-office-refused = Ingenting har registrerats. Berätta orsaken för kunden, eller rätta uppgifterna och kontrollera igen.
box-office-left = { $left ->
    [one] { $left } Kaikukortti-biljett kvar
   *[other] { $left } Kaikukortti-biljetter kvar
}
box-office-group = Gruppbesök och försäljningskanal
box-office-help = Skriv eller läs in kortets kod och tryck Enter för att kontrollera. När svaret säger att biljetterna kan ges (✓), tryck Enter igen för att registrera dem.
action-record-use = Registrera avgiftsfria biljetter
field-item = Evenemang
field-card_code = Kortets kod
field-adults = Vuxenbiljetter
hint-adults = Kortinnehavaren, och innehavarens egna barn eller barnbarn som är äldre än barnåldern.
field-children = Barnbiljetter
hint-children = Innehavarens egna barn och barnbarn under barnåldern, högst det antal som står på kortet. Med samfundskort: klienterna under 16 år.
field-members = Gruppmedlemmarnas egna kort
hint-members = Med samfundskort: koderna till gruppmedlemmarnas kort (16 år och äldre), en per rad.
field-channel = Försäljningskanal
field-idempotency_key = Upprepningsnyckel
field-child_age_under = Barnbiljetter: ålder under
note-counts = Vuxna { $adults }, barn { $children }
note-free-cloakroom = Gratis garderob
use-title = Biljetterna registrerade
use-note-title = Skriv på biljetten
use-codes = Kort
use-tickets = Besökets biljetter
use-state = Läge
use-member = gruppmedlem
use-next-card = Nästa kort
ticket-status-reserved = Reserverad
ticket-status-redeemed = Avhämtad
ticket-status-cancelled = Annullerad
ticket-backlog = från papper
action-redeem = Markera avhämtad
action-cancel-ticket = Annullera biljetten
action-redeem-all = Markera alla avhämtade
action-cancel-all = Annullera hela besöket
item-tickets-title = Kaikukortti-biljetter
item-tickets-used = Registrerade Kaikukortti-biljetter: { $used }
item-tickets-empty = Inga Kaikukortti-biljetter har registrerats för evenemanget ännu.
item-tickets-recorded = Registrerad
error-card_expired_on_item_day = Kortet gäller till { $date }, alltså före evenemangets eller kursens dag. Kortet kan förnyas där man fick det.
error-card_not_yet_valid = Kortet gällde ännu inte på besöksdagen. Kontrollera datumet.
error-item_excluded = Evenemanget ingår inte i Kaikukortti.
error-item_sold_out = Evenemanget är slutsålt, så inga Kaikukortti-biljetter kan heller ges.
error-cap_reached = Det finns inte tillräckligt med Kaikukortti-biljetter kvar: { $left } kvar.
error-before_booking_window = Kaikukortti-biljetter till evenemanget kan bokas från { $time }.
error-before_redemption_window = Biljetterna till evenemanget kan hämtas från { $time }.
error-course_with_companions = En kursplats är bara för kortinnehavaren: en plats, inga följeslagare.
error-course_with_community_card = Ett samfundskort kan inte användas för en kursplats.
error-already_has_ticket = Kortet har redan en biljett till evenemanget. Annullera den först om den var ett misstag.
error-web_shop = Kaikukortti-biljetter säljs aldrig i en webbutik. Välj biljettkassa, biljettförmedling eller telefon.
error-unknown_channel = Välj försäljningskanal i listan.
error-too_many_children = { $max ->
    [one] Med kortet får man högst { $max } barnbiljett för innehavarens egna barn och barnbarn.
   *[other] Med kortet får man högst { $max } barnbiljetter för innehavarens egna barn och barnbarn.
}
error-no_holder_ticket = Kortinnehavarens egen biljett saknas: vuxenbiljetterna måste vara minst 1.
error-card_local_only = Kortet eller kulturaktören hör till ett lokalt Kaikukortti-område: dess kort gäller bara hos dess egna aktörer.
error-item_over = Evenemanget var { $date }. För att föra in ett besök från en papperslista, välj ”För in besök från papper”.
error-member_not_personal = En gruppmedlem behöver ett eget personligt kort; ett samfundskort kan inte vara medlem.
error-duplicate_card = Samma kort har förts in två gånger i besöket.
visit-card-number = kort { $n }
error-visit_refused = Ingenting registrerades: korten { $codes } kan inte användas. Se orsakerna för varje kort.
error-too_many_members = { $max ->
    [one] Ett gruppbesök har högst { $max } medlem.
   *[other] Ett gruppbesök har högst { $max } medlemmar.
}
error-idempotency_key_invalid = nyckeln har högst { $max } synliga tecken.
error-idempotency_key_reused = Upprepningsnyckeln har redan använts för en annan begäran. Skicka en ny nyckel med en ny begäran.
error-ticket_already_redeemed = Biljetten har redan hämtats.
error-ticket_cancelled = Biljetten är annullerad och kan inte hämtas.
error-ticket_already_cancelled = Biljetten är redan annullerad.

# reports (SPEC §7)
nav-report = Rapport
report-title = Användningsrapport
report-col-card_code = Kortets kod
report-col-adults = Vuxna
report-col-children = Barn
report-col-item = Föreställning eller kurs
report-col-date = Datum
report-total = Totalt
report-this-month = Denna månad
report-previous-month = Föregående månad
report-download-xlsx = Ladda ner som Excel (XLSX)
report-download-csv = Ladda ner som CSV
report-empty = Inga Kaikukortti-biljetter under perioden.
action-show = Visa
error-period_order = periodens slut är före dess början.
error-period_too_long = en rapport omfattar högst tio år.
error-catalogue_period_too_long = { $days ->
    [one] katalogen visar högst { $days } dag åt gången. Välj en kortare period.
   *[other] katalogen visar högst { $days } dagar åt gången. Välj en kortare period.
}
report-submission-title = Att skicka till samordnaren
report-not-submitted = Periodens rapport har inte skickats ännu. En skickad rapport bevaras som den är; en senare rättelse blir en ny version.
report-submit-again-hint = Perioden har skickats. Om biljetter har ändrats sedan dess, skicka en rättelse: den blir en ny version som visar vad som ändrats.
action-submit-report = Skicka rapporten till samordnaren
action-submit-correction = Skicka en rättelse
report-versions = Skickade versioner
report-version = Version
report-submitted-at = Skickad
report-change = Ändring
report-change-from = från version
report-adults-before = vuxna före
report-children-before = barn före
report-submitted-notice = Rapporten skickades till samordnaren.
area-reports-title = Aktörernas rapporter
area-reports-caption = Aktörerna och deras rapporter för perioden
area-reports-state = Rapport
area-reports-submitted = skickad
area-reports-missing = inte skickad
area-reports-contact = Kontaktperson
area-reports-no-contact = Aktörens uppgifter saknar kontaktperson.
stats-title = Statistik
stats-suppressed = Utanför området visas bara hela år så som området skickat dem. <5 betyder 0–4 personer: en tom rad ser ut som en liten, så att ingen kan sluta sig till vilken grupp någon hör till. Med x döljs ett tal som annars kunde användas för att räkna ut ett litet tal ur summorna, den nationella tabellen eller en tidigare version. Så kan ingen identifieras av små tal.
stats-cards = Kort
stats-issued-new = Beviljade
stats-renewed = Förnyade
stats-community = Samfundskort
stats-cards-used = Områdets kort som använts minst en gång
stats-share-used = Andel av giltiga kort som använts
stats-tickets = Kaikukortti-biljetter (vuxna + barn)
stats-by_distribution_point = Per utdelningsställe
stats-by_age_group = Kort per åldersgrupp
stats-by_gender = Kort per kön
stats-by_mother_tongue = Kort per modersmål
stats-by_postal_area = Kort per postnummerområde (två första siffror)
stats-by_life_situation = Kort per livssituation (varje ikryssad punkt)
stats-by_venue = Biljetter per aktör
stats-by_sector = Biljetter per bransch
stats-by_month = Biljetter per månad
stats-by_category = Biljetter per kategori i den nationella statistiken
stats-chart-desc = Vuxen- och barnbiljetter; samma tal finns i tabellen nedan.
stats-col-section = Tabell
stats-col-line = Rad
stats-col-value = Antal eller vuxna
stats-col-value2 = Barn
stats-col-cards = Kort
field-year = År
field-version = Version
category-culture = Kultur
category-education = Utbildning
category-science = Vetenskap
category-sport = Idrott
nav-statistics = Statistik
stats-national-title = Nationell statistik
stats-national-missing = Tabellen för hela landet publiceras när alla områden har skickat årets siffror. Ännu inte skickat: { $areas }.
stats-version-of = Version { $version }
stats-whole-country = Hela landet
stats-by-area = Områden
stats-not-submitted = inte skickad
stats-source-submitted = Siffrorna som områdena skickat.
stats-submit-hint = Samordnaren skickar områdets statistik för { $year } till den nationella stödtjänsten. Den bevaras som den är nu; en ny sändning blir en ny version.
action-submit-statistics = Skicka statistiken för { $year }
stats-submitted-notice = Statistiken skickades (version { $version }).
error-anonymise_future = dagen får inte ligga i framtiden.
error-anonymise_whole_years = anonymiseringen görs för hela år: välj 1 januari ett visst år, till exempel 1.1.2023.
field-expired_before = Kort som gick ut före
anonymise-title = Anonymisering av utgångna kort
anonymise-intro = Uppgifterna om kort som gått ut före den dag du väljer anonymiseras för gott: koden ersätts med ett slumpmässigt id, födelseåret med åldersgruppen och postnumret med postnummerområdet. Statistiken förblir densamma. Du ser hur många kort det gäller innan något ändras.
action-count = Räkna
anonymise-some = Kort som gick ut före den här dagen är ännu inte anonymiserade. Hur många visas inte här, så att inget litet antal personer kan räknas ut; efter anonymiseringen avrundas antalet uppåt till närmaste tiotal.
anonymise-cannot-undo = Anonymiseringen kan inte ångras.
anonymise-none = Alla kort som gick ut före den här dagen är redan anonymiserade.
action-anonymise = Anonymisera korten
anonymise-done = Högst { $cards } kort anonymiserades (avrundat uppåt till närmaste tiotal).
field-suppression_threshold = Statistik: dölj tal under
import-col-card_code = kortets kod
import-col-adults = vuxna
import-col-children = barn
import-col-item_title = föreställning eller kurs
import-col-date = datum
import-identifying-column = Kolumn { $column } ({ $heading }) innehåller uppgifter som identifierar en person och importeras inte.
import-unknown-column = Kolumn { $column } har en rubrik som kaiku inte känner till och importeras inte.
import-row = Rad { $row }:{" "}
import-identity-code = Rad { $row }, kolumn { $column }: innehåller något som ser ut som en personbeteckning. Raden importeras inte; ta bort beteckningen ur tabellen.
import-bad-code = Rad { $row }: kortets kod har tecken som ingen kod har.
import-bad-number = Rad { $row }: vuxna och barn ska vara heltal från 0 till 40.
import-bad-title = Rad { $row }: föreställningen eller kursen saknas eller är för lång.
import-bad-date = Rad { $row }: datumet är inget datum; skriv det som 3.2.2020 eller 2020-02-03.
import-duplicate-row = Rad { $row }: samma besök finns redan i tabellen.
import-already-imported = Rad { $row }: redan importerad.
error-import_missing_columns = Tabellen saknar kolumnerna: { $columns }. Använd användningsrapportens kolumner.
error-sheet_empty = Filen är tom: det finns inget att importera.
error-sheet_no_rows = Tabellen har rubriker men inga rader: det finns inget att importera.
error-sheet_unreadable = Filen är ingen tabell som kaiku kan läsa. Spara den som XLSX eller CSV.
error-sheet_zip_bomb = Filen skulle packas upp till långt mer än en tabell kan vara och öppnas inte.
error-sheet_too_many_rows = Tabellen har fler än 200 000 rader. Dela upp den i tabeller med högst 200 000 rader och importera dem en i taget.
error-sheet_too_many_columns = Tabellen har fler kolumner än en blankett: högst 64 med innehåll och högst 16 384 sammanlagt. Behåll bara blankettens kolumner (kortkod, datum, antal, svar) och importera den igen.
error-sheet_cell_too_long = En cell i tabellen är längre än 1000 tecken. Inget svar på blanketten är så långt: kontrollera tabellen och korta av eller ta bort cellen.
error-import_has_refused_rows = Några rader underkändes. Rätta dem och ladda upp igen, eller importera bara de godkända raderna.
error-import_confirmed_already = Den här importen har redan skrivits.
error-import_changed = Något ändrades efter förhandsvisningen (en övre gräns nåddes, en biljett registrerades). Ladda upp tabellen igen för en ny förhandsvisning.
import-title = Importera besök från en tabell
import-intro = Besök som skrivits i Excel eller på papper och förts in i en tabell importeras här: användningsrapportens kolumner (kortets kod, vuxna, barn, föreställning eller kurs, datum) i valfri ordning, med rubriker på finska, svenska eller engelska. Du ser varje rad innan något registreras.
field-file = Tabell (XLSX eller CSV)
hint-file = Kolumner som namnger en person (namn, personbeteckning, adress, telefon, e-post) läses inte.
action-preview = Granska tabellen
import-preview = Det här skulle importeras
import-summary = { $accepted ->
    [one] { $accepted } rad kan registreras, { $refused } underkänns, { $duplicates } finns redan.
   *[other] { $accepted } rader kan registreras, { $refused } underkänns, { $duplicates } finns redan.
}
import-row-number = Rad
import-accepted = godkänd
import-duplicate = finns redan
import-refused = underkänd
import-only-accepted = Bara de godkända raderna registreras; rätta de underkända i tabellen och importera den igen.
import-rows-not-listed = { $count ->
    [one] Ytterligare { $count } rad visas inte här. Alla avvisade rader finns i tabellen över avvisade rader ovan.
   *[other] Ytterligare { $count } rader visas inte här. Alla avvisade rader finns i tabellen över avvisade rader ovan.
}
action-import = Registrera { $count } besök
import-recorded = { $count } besök registrerades.
import-template-xlsx = En tom tabell att fylla i (XLSX)
import-template-csv = En tom tabell att fylla i (CSV)

## Issue 7: överlåtelseblanketter in, underkända rader ut
import-heading-card_code = Kortets kod (bestående av siffror och/eller bokstäver)
import-heading-adults = Biljett för vuxna
import-heading-children = Biljett för barn (under { $age } år)
import-heading-item_title = Föreställningens namn
import-heading-date = Datum
import-heading-grant_date = Beviljningsdag
import-heading-birth_year = Födelseår
import-heading-mother_tongue = Modersmål
import-heading-gender = Kön
import-heading-postal_code = Postnummer
import-heading-minor_children = Minderåriga barn
import-heading-life_situations = Livssituation
import-col-grant_date = beviljningsdag
import-col-birth_year = födelseår
import-col-mother_tongue = modersmål
import-col-gender = kön
import-col-postal_code = postnummer
import-col-minor_children = antal barn under 18
import-col-life_situations = livssituation
error-import_missing_form_columns = Tabellen saknar kolumnerna: { $columns }. Använd överlåtelseblankettens kolumner (kortets kod, beviljningsdag, födelseår och bakgrundsuppgifterna).
import-row-field = Rad { $row }, { $field }:{" "}
import-unknown-category = inget värde som kaiku känner till. Skriv det som på överlåtelseblanketten, på finska, svenska eller engelska, eller lämna cellen tom om klienten inte ville uppge det.
import-bad-grant-date = Rad { $row }: beviljningsdagen är inget datum från år 2000 framåt; skriv det som 3.2.2020 eller 2020-02-03.
import-duplicate-form = Rad { $row }: samma kort med samma beviljningsdag finns redan i tabellen.
import-grant-before-current = Kortet har redan en senare beviljning i kaiku; en äldre blankett kan inte läggas till före den.
import-reason = Orsak
import-refused-rows = Underkända rader
import-failed-columns = kontrollera kolumnerna
import-refused-download = De underkända raderna med orsak, att rätta och importera igen:
import-refused-xlsx = Underkända rader (XLSX)
import-refused-csv = Underkända rader (CSV)
issuance-import-title = Importera överlåtelseblanketter från en tabell
issuance-import-intro = Överlåtelseblanketter på papper eller i Excel importeras här: en rad per blankett med kortets kod, beviljningsdag, födelseår, modersmål, kön, postnummer, antal barn under 18 och livssituationer (flera åtskilda med kommatecken), på finska, svenska eller engelska. En tom cell betyder att klienten inte ville uppge det. Du ser varje rad innan något registreras.
field-confirmed-16-all = Utdelarna kontrollerade att varje klient på blanketterna var minst 16 år när kortet beviljades
hint-confirmed-16-all = Behövs bara för klienter som enligt födelseåret är 15 eller 16 på beviljningsdagen; utan bekräftelsen underkänns de raderna.
issuance-action-import = { $count ->
    [one] Registrera { $count } blankett
   *[other] Registrera { $count } blanketter
}
issuance-import-recorded = { $count ->
    [one] { $count } överlåtelseblankett registrerades.
   *[other] { $count } överlåtelseblanketter registrerades.
}
nav-issuance-import = Importera överlåtelseblanketter
error-period_submitted = besöket ingår i rapporten som skickats för { $from }–{ $to }. Avboka det som en rättelse: ange orsaken, så ser kontaktpersonen att rapporten har en rättelse på väg.
error-cancel_day_over = evenemanget var { $date } och dagen är över. Avboka det som en rättelse: ange orsaken.
error-correction_by_person = en rättelse görs av en person i biljettkassan eller med egen inloggning, inte med en integrationsnyckel.
correction-title = Rätta en förfluten dag eller en skickad rapport
correction-intro = Ett besök en dag som är över, eller under en period vars rapport har skickats, avbokas bara som en rättelse med en orsak. Orsaken sparas med biljetterna; skriv inte namn eller personbeteckningar.
field-correction = Orsak till rättelsen
action-correct-cancel = Avboka hela besöket som en rättelse
report-pending-correction = Besöken under perioden har ändrats sedan rapporten skickades: en rättelse väntar. Skicka rapporten igen så att kontaktpersonen får den rättade versionen.
correction-record-hint = Bara om periodens rapport redan har skickats: varför besöket registreras nu. Inga namn eller personbeteckningar.
error-period_submitted_record = rapporten för { $from }–{ $to } har redan skickats. Registrera besöket som en rättelse: ange orsaken, så ser kontaktpersonen att rapporten har en rättelse på väg.
import-period-submitted = rapporten för den dagens period har redan skickats. Registrera besöket i efterregistreringen som en rättelse, med orsaken.
error-report_period_ahead = en rapport omfattar det som redan har hänt: perioden slutar senast { $date }.
field-device = Enhet
field-uses = Besök
error-offline_device = ge enheten ett namn med 1–64 synliga tecken.
error-offline_batch_size = skicka 1–{ $max } besök åt gången.
error-offline_use_id = besök { $use }: dess id har 8–64 bokstäver, siffror, - eller _.
error-offline_use_id_twice = besök { $use }: samma id två gånger i samma sändning.
error-offline_use_item = besök { $use }: aktören har inget sådant evenemang eller kurs.
error-offline_use_code = besök { $use }: kortets kod kan inte läsas.
error-offline_use_members = besök { $use }: en gruppmedlems kortkod kan inte läsas, eller så är medlemmarna för många.
error-offline_use_count = besök { $use }: vuxna och barn är tal från 0 till 40.
error-offline_use_time = besök { $use }: tiden är inte ett datum och klockslag (RFC 3339).
error-offline_settled = Besöket är redan avgjort. Ladda om sidan för att se hur.
offline-correction = Registrerat utan nätförbindelse, skickat efter att rapporten lämnats in
offline-title = Besök registrerade utan nät att kontrollera
offline-intro = Besök som biljettkassan registrerade utan nätförbindelse. Ett besök över den övre gränsen räknas och visas här; ett besök som registret inte kunde godta väntar på att du behåller eller annullerar det.
offline-none = Inga besök över den övre gränsen eller som väntar på kontroll.
offline-happened = Skedde
offline-received = Skickat
offline-outcome = Utfall
offline-outcome-over_cap = Över den övre gränsen (räknat)
offline-outcome-disputed = Ska kontrolleras
offline-settlement-kept = Behållet
offline-settlement-cancelled = Annullerat
offline-page-newer = Föregående sida
offline-page-older = Nästa sida
offline-keep = Behåll
offline-cancel = Annullera besöket
offline-link = Besök registrerade utan nät att kontrollera
offline-state-online = Nätförbindelsen fungerar. Ögonblicksbild för arbete utan nät från kl. { $time }.
offline-state-offline = Ingen nätförbindelse sedan kl. { $since }. Kontrolleras mot ögonblicksbilden från kl. { $time }.
offline-state-manual = Arbete utan nät (valt för hand) sedan kl. { $since }. Kontrolleras mot ögonblicksbilden från kl. { $time }.
offline-state-nosnapshot = Enheten har ännu ingen ögonblicksbild: öppna biljettkassan en gång med nätförbindelse.
offline-waiting = { $count ->
    [one] Ett besök väntar på att skickas.
   *[other] { $count } besök väntar på att skickas.
}
offline-go-offline = Arbeta utan nät
offline-go-online = Tillbaka till nätet
offline-send = Skicka nu
offline-ok = Giltigt enligt ögonblicksbilden. Tryck Enter eller "Registrera" för att registrera besöket på enheten.
offline-recorded = Registrerat på enheten. Besöket skickas av sig självt när förbindelsen återkommer.
offline-warn-unknown = Koden finns inte i ögonblicksbilden: kortet kan vara nytt, ogiltigförklarat eller felskrivet. Registrera bara om du är säker; registret kontrollerar det när förbindelsen återkommer.
offline-warn-check = Kontrolltecknet stämmer inte: koden är troligen felskriven.
offline-warn-expired = Enligt ögonblicksbilden var kortet giltigt till { $date }.
offline-warn-cap = Den övre gränsen är nådd enligt enhetens räkning.
offline-warn-children = Kortet tillåter högst { $max } barn.
offline-warn-twice = Kortet har redan en biljett till evenemanget på den här enheten.
offline-warn-closed = Evenemanget är slutsålt eller inte öppet för Kaikukortet.
offline-record = Registrera på enheten
offline-record-anyway = Registrera ändå
offline-sent = Skickat: { $recorded } registrerade, { $over } över den övre gränsen, { $disputed } ska kontrolleras.
offline-pending-title = Väntar på att skickas
paper-form-usage-title = Rapport om användningen av Kaikukortti
paper-form-usage-venue = Kulturaktör: ______________________________   Period: ____________________
paper-form-usage-hint = Anteckna kortets kod och biljetterna för varje besök. Skriv in blanketten i registret senare (import av användning) eller ge den till den som gör det.
paper-form-totals = Sammanlagt
paper-form-issuance-title = Blankett för överlåtelse av Kaikukortti
paper-form-issuance-point = Utdelningsställe: ______________________________   Utdelat av: ____________________
paper-form-issuance-hint = Kortinnehavarens namn antecknas inte på blanketten, endast på kortets insida. Födelseår, modersmål, kön, postnummer och livssituation frågas av kortinnehavaren; den som inte vill svara behöver inte.
paper-form-usage-link = Pappersblankett för biljettkassan (PDF)
paper-form-usage-link-xlsx = (Excel)
paper-form-issuance-link = Pappersblankett för överlåtelse (PDF)
import-template-pdf = Tom pappersblankett att skriva ut (PDF)
box-office-member-refused = Det visade kortet { $code } skulle gå, men en gruppmedlems kort går inte. Ingenting har registrerats: ta bort medlemmen eller rätta koden och kontrollera igen.
error-offline_id_reused = Ett annat besök har redan tagits emot med samma id; detta registrerades inte. Kontrollera enhetens besök.
report-offline = registrerat utan nät
stats-offline-tickets = Av dem registrerade utan nätförbindelse (vuxna + barn)
error-offline_clock = Enhetens klocka gick mer än ett dygn före, eller besöket är över 30 dagar gammalt: kontrollera besökets tid.
error-offline_use_identity_code = besök { $use }: fältet innehåller en personbeteckning. En personbeteckning sparas aldrig; ta bort besöket på enheten och registrera kortets kod.
error-offline_identity_code = enhetens namn innehåller en personbeteckning. Ge enheten ett namn utan personuppgifter.
error-offline_cannot_keep = Besöket kan inte behållas: det har ingen biljett, kortet finns inte i registret eller kortet har redan en biljett till evenemanget. Annullera besöket.
error-offline_not_disputed = Besöket väntar inte på beslut: det är redan räknat.
offline-identity = Fältet innehåller en personbeteckning. Den registreras aldrig: skriv kortets kod.
offline-bad-count = Vuxna och barn kan vara 0–40.
