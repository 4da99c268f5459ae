# Korttien tulostus (R-CARD-10) ja kortinhaltijan oma sivu (R-HOLD-1, R-HOLD-2).

print-card-line = Kaikukortti – maksuton kulttuurikortti
print-key-heading = Oma avain
print-key-help = Taita tämä osa kortin taakse. Tällä avaimella ja kortin koodilla näet korttisi osoitteessa { $address }
print-title = Tulosta kortteja
print-intro = Kortit tulostuvat oikeassa koossaan A4-arkeille leikkuumerkkien kanssa, jokaisessa koodi, QR-koodi ja viivakoodi. Kerralla enintään { $max } { $max ->
        [one] kortti
       *[other] korttia
    }. Haltija-avaimen kanssa jokaiseen korttiin tulee taitettava osa, jossa on kortin oma avain haltijan omaa sivua varten; avaimia ei säilytetä luettavassa muodossa, ja ne näkyvät vain tässä tiedostossa.
print-replace-warning = { $count ->
    [one] Yhdellä tämän välin kortilla on jo haltija-avain. Jos tulostat sen uudelleen, se saa uuden avaimen eikä vanha enää toimi.
   *[other] { $count } tämän välin kortilla on jo haltija-avain. Jos tulostat ne uudelleen, ne saavat uudet avaimet eivätkä vanhat enää toimi.
} Vahvista alla, jos haluat jatkaa.
field-holder_keys = Tulosta jokaiseen korttiin haltija-avain
hint-holder_keys = Avaimella ja kortin koodilla haltija näkee korttinsa sivulla ”Oma kortti”. Avain näkyy vain tässä tulosteessa.
field-confirm_replace = Ymmärrän, että aiemmat avaimet lakkaavat toimimasta
action-print-start = Aloita tulostus
action-print-cards = Tulosta kortteja
print-section-title = Tulostus
print-section-intro = Tulosta sarjan korttiväli PDF-tiedostoksi painoon tai omalle tulostimelle.
print-status = Tila
print-status-running = Tulostuu…
print-status-done = Valmis
print-status-failed = Epäonnistui
print-status-interrupted = Keskeytyi
print-job-title = Korttien tulostus
print-progress = Valmiina korttia ({ $total }:stä)
print-running-help = Voit sulkea sivun: tulostus jatkuu, ja löydät sen sarjan sivulta.
action-refresh = Päivitä
print-replaced = { $count ->
    [one] Yksi kortti sai uuden haltija-avaimen; sen aiempi avain ei enää toimi.
   *[other] { $count } korttia sai uudet haltija-avaimet; niiden aiemmat avaimet eivät enää toimi.
}
print-status-replaced = Korvattu
print-replaced-later = Nämä kortit on sittemmin tulostettu uusilla avaimilla, joten tämän tiedoston avaimet eivät enää toimi. Tiedostoa ei anneta.
error-print_replaced = Nämä kortit on sittemmin tulostettu uusilla avaimilla, joten tämän tiedoston avaimet eivät enää toimi. Käytä myöhempää tulostetta.
action-download-pdf = Lataa PDF
print-keys-once = Tiedostossa on haltija-avaimia, joten sen voi ladata vain kerran. Tallenna se ennen kuin poistut sivulta.
print-keys-gone = Tiedosto on ladattu. Siinä oli haltija-avaimia, joten sitä ei säilytetä.
print-again-help = Tulosta korttiväli uudelleen.
action-back-to-series = Takaisin sarjaan
error-print_range = numeroiden on oltava sarjan sisällä ({ $first }–{ $last }), eikä ensimmäinen saa olla viimeisen jälkeen.
error-print_too_many = { $max ->
    [one] yhdellä kerralla voi tulostaa enintään { $max } kortin; tulosta suurempi väli osissa.
   *[other] yhdellä kerralla voi tulostaa enintään { $max } korttia; tulosta suurempi väli osissa.
}
error-print_not_ready = Kortit tulostuvat vielä. Odota hetki ja yritä uudelleen.
error-print_keys_gone = Tiedostossa oli haltija-avaimia ja se on jo ladattu, joten sitä ei säilytetä. Tulosta väli uudelleen: kortit saavat uudet avaimet.
error-print_number = kirjoita sarjan kortin numero, esimerkiksi 1001.

holder-path = /oma-kortti
holder-title = Oma kortti
holder-intro = Kirjoita korttisi koodi ja oma avaimesi. Näet, onko korttisi voimassa, missä olet käyttänyt sitä ja mitä siitä on tallennettu.
field-holder_code = Kortin koodi
hint-holder_code = Korttisi kirjaimet ja numerot, esimerkiksi E1234.
field-holder_key = Oma avain
hint-holder_key = 8 kirjainta ja numeroa korttisi taitteen alla.
action-holder-open = Näytä korttini
holder-no-key-title = Eikö kortissasi ole avainta?
holder-no-key = Tämä sivu on vain korteille, joihin on tulostettu avain. Kysy paikasta, josta sait korttisi: siellä voidaan kertoa, mitä kortistasi on tallennettu.
holder-valid-until = Korttisi on voimassa { $date } asti.
holder-not-valid-expired = Korttisi ei ole enää voimassa. Voit jatkaa sen voimassaoloa paikassa, josta sait sen.
holder-not-valid-void = Tämä kortti ei ole enää käytössä. Pyydä uusi kortti paikasta, josta sait sen.
holder-not-valid-in_stock = Tätä korttia ei ole vielä annettu kenellekään.
holder-not-valid-issued = Korttiasi ei voi nyt käyttää. Kysy paikasta, josta sait sen.
holder-uses-title = Missä olet käyttänyt korttia
holder-uses-empty = Et ole vielä käyttänyt korttia.
holder-tickets = { $count ->
    [one] 1 lippu
   *[other] { $count } lippua
}
holder-cancelled = peruttu
holder-catalogue-title = Missä kortti käy: { $area }
holder-catalogue-intro = Näistä paikoista saat kortilla maksuttomia lippuja. Kysy paikasta, miten saat lippusi. Omat lapsesi ja lapsenlapsesi saavat lipun mukaasi (ei kursseille).
holder-stored-title = Mitä kortistasi on tallennettu
holder-stored-intro = Tässä on kaikki, mitä rekisteri säilyttää kortistasi. Nimeäsi, osoitettasi tai henkilötunnustasi ei tallenneta koskaan.
action-holder-close = Sulje korttini
error-holder_no_match = Koodi ja avain eivät täsmää mihinkään korttiin, jolla on oma sivu. Tarkista molemmat ja yritä uudelleen. Viiden väärän yrityksen jälkeen koodi lukitaan tunniksi.
error-holder_locked = Liian monta väärää yritystä. Yritä uudelleen { $minutes } minuutin kuluttua.
card-holder-page = Haltijan oma sivu
card-holder-page-yes = Kyllä: tulostettu haltija-avaimen kanssa { $date }.
card-holder-page-no = Ei: kortti on tulostettu ilman haltija-avainta. Haltija voi kysyä täältä, mitä kortista on tallennettu.

footer-nav = Tietoa palvelusta
footer-accessibility = Saavutettavuusseloste
footer-privacy = Tietosuojaseloste
footer-holder = Oma kortti

brochure-rules-title = Näin kortti toimii
brochure-rule-personal = Kortti on henkilökohtainen. Näytä se, kun haet lippusi, tai kerro sen koodi, kun varaat.
brochure-rule-children = Mukana tulevat lapsesi ja lapsenlapsesi saavat myös maksuttomat liput, niin monta kuin korttiisi on merkitty.
brochure-rule-assistant = Jos sinulla on vamma, avustajasi, tulkkisi tai saattajasi pääsee maksutta. Hänellä pitää olla oma lippu.
brochure-rule-ask = Kaikukortilla saa kuhunkin tapahtumaan enintään tietyn määrän lippuja, ja ne varataan ajoissa kuten muutkin liput. Kysy paikasta, miten saat lippusi.
brochure-rule-valid = Kortti on voimassa 12 kuukautta. Voit jatkaa sen voimassaoloa paikassa, josta sait sen.
brochure-venues-title = Kohteet
brochure-offering-title = Tulevat tapahtumat ja kurssit
brochure-col-when = Milloin
brochure-col-what = Tapahtuma tai kurssi
brochure-col-venue = Kohde
brochure-col-terms = Kaikukortilla
