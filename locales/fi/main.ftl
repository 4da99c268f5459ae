app-subtitle = rekisteri
skip-to-content = Siirry sisältöön
footer-text = Kaikukortti – maksuton kulttuurikortti. Rekisteriin ei tallenneta kortinhaltijan nimeä eikä henkilötunnusta.
required = pakollinen
yes = Kyllä
no = Ei
choose-none = – valitse –

nav-languages = Kieli
nav-main = Päävalikko
nav-home = Etusivu
nav-areas = Alueet
nav-accounts = Käyttäjätunnukset
nav-audit = Tapahtumaloki
nav-own-account = Oma tunnus

home-title = Kaikukortti-rekisteri
home-intro = Kaikukortti-rekisteriin kirjataan jaetut kortit ja niillä saadut maksuttomat liput. Kirjaudu sisään työtunnuksellasi.
home-roles = Tehtäväsi
home-no-roles = Tunnuksellasi ei ole vielä tehtäviä. Pyydä alueesi koordinaattoria lisäämään ne.

login-title = Kirjaudu sisään
login-help = Jos olet unohtanut salasanasi, ota yhteyttä alueesi koordinaattoriin.

role-national_admin = Valtakunnallinen ylläpitäjä
role-area_coordinator = Alueen koordinaattori
role-issuer = Kortin jakaja
role-venue_staff = Kulttuuritoimijan henkilökunta
role-whole-country = Koko maa

lang-fi = suomi
lang-sv = ruotsi
lang-en = englanti

point-type-municipal_social_services = Kunnan sosiaalipalvelut
point-type-health_centre = Terveyskeskus
point-type-parish = Seurakunta
point-type-ngo = Järjestö
point-type-other = Muu

sector-theatre = Teatteri
sector-music = Musiikki
sector-dance = Tanssi
sector-museum = Museo
sector-visual_arts = Kuvataide
sector-cinema = Elokuvateatteri
sector-festival = Festivaali
sector-library = Kirjasto
sector-adult_education = Aikuisoppilaitos
sector-science_centre = Tiedekeskus
sector-circus = Sirkus
sector-sports = Liikunta
sector-swimming_hall = Uimahalli
sector-other = Muu

channel-box_office = Lippukassa
channel-ticket_agency = Lipunvälittäjä
channel-phone = Puhelin
channel-other = Muu

field-name = Nimi
hint-name_sv = Jos alueella on ruotsinkielinen nimi (esimerkiksi Österbotten), ruotsinkielinen luettelo ja esite käyttävät sitä.
field-name_sv = Nimi ruotsiksi
field-trial_ends = Kokeilu päättyy
field-local_only = Vain alueen omat kortit ja kohteet
field-municipality_codes = Kunnat
field-brochure_languages = Esitteen kielet
field-type = Tyyppi
field-active = Käytössä
field-sector = Toimiala
field-address = Osoite
field-website = Verkkosivu
field-accessibility = Saavutettavuus suomeksi
field-sales_channels = Myyntikanavat
field-restrictions = Rajoitukset suomeksi
hint-restrictions_en = Englanninkielinen luettelo ja esite näyttävät tämän. Jos kenttä on tyhjä, lukija näkee suomenkielisen tekstin.
hint-restrictions_sv = Ruotsinkielinen luettelo ja esite näyttävät tämän. Jos kenttä on tyhjä, lukija näkee suomenkielisen tekstin.
hint-accessibility_en = Englanninkielinen luettelo ja esite näyttävät tämän. Jos kenttä on tyhjä, lukija näkee suomenkielisen tekstin.
hint-accessibility_sv = Ruotsinkielinen luettelo ja esite näyttävät tämän. Jos kenttä on tyhjä, lukija näkee suomenkielisen tekstin.
field-restrictions_en = Rajoitukset englanniksi
field-restrictions_sv = Rajoitukset ruotsiksi
field-accessibility_en = Saavutettavuus englanniksi
field-accessibility_sv = Saavutettavuus ruotsiksi
field-free_cloakroom = Maksuton vaatesäilytys
field-contact_name = Yhteyshenkilö
field-contact_phone = Yhteyshenkilön puhelin
field-contact_email = Yhteyshenkilön sähköposti
field-username = Käyttäjätunnus
field-national = Valtakunnallinen tunnus
field-password = Salasana
field-role = Tehtävä
field-area = Alue
field-distribution_point = Jakopiste
field-venue = Kulttuuritoimija
field-current_password = Nykyinen salasana
field-new_password = Uusi salasana
field-new_password_again = Uusi salasana uudelleen
field-token_name = Tunnisteen nimi

hint-trial_ends = Jos alueella on kokeilu, kortti on voimassa enintään tähän päivään asti. Jätä tyhjäksi, jos kokeilua ei ole.
hint-local_only = Alueen kortteja voi käyttää vain alueen omissa kohteissa, ja kohteisiin käyvät vain alueen kortit.
hint-municipality_codes = Alueen kuntien nimet pilkulla eroteltuina, esimerkiksi Joensuu, Liperi. Myös ruotsinkieliset nimet ja kuntanumerot käyvät.
hint-restrictions = Näytetään julkisesti, esimerkiksi vierailevat esitykset, jotka eivät ole Kaikukortin piirissä.
hint-accessibility = Esimerkiksi esteetön sisäänkäynti, induktiosilmukka, pyörätuolipaikat.
hint-username = 3–64 merkkiä: pieniä kirjaimia a–z, numeroita ja merkit . _ - @
hint-national = Tunnukselle, joka tarvitsee tehtäviä useilla alueilla (esimerkiksi lippuvälittäjä). Sitä hallinnoivat valtakunnalliset pääkäyttäjät; alueen tunnusta sen alueen koordinaattorit.
hint-password = Vähintään 10 merkkiä. Kerro salasana henkilölle turvallisesti; hän voi vaihtaa sen itse.
hint-new_password = Vähintään 10 merkkiä.
hint-area = Alueen koordinaattorille.
hint-distribution_point = Kortin jakajalle.
hint-venue = Kulttuuritoimijan henkilökunnalle.
hint-token_name = Esimerkiksi lipunmyyntijärjestelmän nimi.

action-login = Kirjaudu sisään
action-logout = Kirjaudu ulos
action-home = Etusivulle
action-save = Tallenna
action-cancel = Peruuta
action-new-area = Uusi alue
action-create-area = Luo alue
action-edit-area = Muokkaa aluetta
action-new-point = Uusi jakopiste
action-create-point = Luo jakopiste
action-new-venue = Uusi kulttuuritoimija
action-create-venue = Luo kulttuuritoimija
action-back-to-area = Takaisin alueeseen
action-back-to-venue = Takaisin kulttuuritoimijaan
action-create-token = Luo tunniste
action-revoke = Poista käytöstä
action-revoke-named = Poista käytöstä tunniste { $name }
action-new-account = Uusi käyttäjätunnus
action-create-account = Luo käyttäjätunnus
action-add-role = Lisää tehtävä
action-remove-role = Poista tehtävä
action-reset-password = Aseta uusi salasana
action-deactivate = Sulje tunnus
action-activate = Avaa tunnus uudelleen
action-back-to-accounts = Takaisin käyttäjätunnuksiin
action-change-password = Vaihda salasana

notice-saved = Tallennettu.
notice-password-changed = Salasana on vaihdettu. Muut istuntosi on kirjattu ulos.
notice-password-change-required = Salasanasi on asettanut joku muu. Valitse uusi salasana, jonka vain sinä tiedät, niin pääset jatkamaan.

areas-title = Alueet
areas-empty = Alueita ei ole vielä.
area-title = Alue
area-new-title = Uusi alue
area-edit-title = Muokkaa aluetta
area-no-trial = Ei kokeilua
area-local-only-yes = Kyllä: kortit käyvät vain alueen omissa kohteissa
area-staff-title = Alueen henkilökunta

points-title = Jakopisteet
points-empty = Alueella ei ole vielä jakopisteitä.
point-title = Jakopiste
point-new-title = Uusi jakopiste

venues-title = Kulttuuritoimijat
venues-empty = Alueella ei ole vielä kulttuuritoimijoita.
venue-title = Kulttuuritoimija
venue-new-title = Uusi kulttuuritoimija
venue-assistant-note = Avustajan, tulkin tai saattajan sisäänpääsy on aina maksuton; se näytetään esitteessä jokaisen kohteen kohdalla.

tokens-title = Rajapintatunnisteet
tokens-intro = Rajapintatunnisteella lipunmyyntijärjestelmä voi tarkistaa kortteja ja kirjata lippuja kohteelle { $venue }, ei muuta.
token-new-title = Uusi tunniste
token-created-title = Tunniste on luotu
token-created-once = Kopioi tunniste nyt. Se näytetään vain tämän kerran; rekisteriin tallennetaan vain sen tiiviste.
tokens-list-title = Tunnisteet
tokens-empty = Tunnisteita ei ole.
token-created = Luotu
token-maker = Tekijä
token-last-used = Käytetty viimeksi
token-never-used = ei koskaan
account-tokens-title = Tämän tunnuksen tekemät kohteiden avaimet
account-tokens-intro = Nämä avaimet toimivat edelleen, vaikka tunnus suljetaan. Peru jokainen avain, jonka pitää lakata toimimasta, kohteen avainsivulla.
token-state = Tila
token-actions = Toiminnot
token-active = Käytössä
token-revoked = Poistettu käytöstä

accounts-title = Käyttäjätunnukset
accounts-empty = Käyttäjätunnuksia ei ole.
account-new-title = Uusi käyttäjätunnus
account-new-intro = Luo tunnus yhdelle työntekijälle ja valitse hänen tehtävänsä. Valitse jakopiste kortin jakajalle, kulttuuritoimija henkilökunnalle ja alue alueen koordinaattorille.
account-add-role-title = Lisää tehtävä olemassa olevalle tunnukselle
account-add-role-intro = Samalla tunnuksella voi olla useita tehtäviä, esimerkiksi lipunvälittäjällä jokaiselle kohteelle, jolle se myy lippuja.
account-title = Käyttäjätunnus
account-inactive = Suljettu
account-roles-title = Tehtävät
account-role-place = Missä
account-add-grant-title = Lisää tehtävä
account-failures-title = Epäonnistuneet kirjautumiset
account-failures-intro = { $count ->
    [one] Tälle tunnukselle yritettiin kirjautua väärällä salasanalla kerran viimeisen 15 minuutin aikana.
   *[other] Tälle tunnukselle yritettiin kirjautua väärällä salasanalla { $count } kertaa viimeisen 15 minuutin aikana.
}
account-failures-delay = Jokainen tämän tunnuksen kirjautuminen odottaa nyt { $seconds } s.
account-failures-address = Osoite
account-failures-count = Epäonnistumisia
account-failures-locked = Estetty
account-failures-unlock-hint = Osoite estetään 15 minuutiksi viiden epäonnistumisen jälkeen; muita osoitteita ei estetä. Jos estetty on tunnuksen omistaja, varmista että kyse on hänestä (soita) ja poista esto.
action-unlock = Poista esto
account-reset-title = Unohtunut salasana
account-reset-intro = Aseta uusi salasana ja kerro se henkilölle turvallisesti. Kaikki hänen istuntonsa päättyvät.
account-active-title = Tunnuksen tila

own-account-title = Oma tunnus
own-password-title = Vaihda salasana

audit-title = Tapahtumaloki
audit-intro = Jokainen muutos kirjataan tähän pysyvästi: kuka, milloin, mitä ja mihin tietueeseen.
audit-empty = Lokissa ei ole tapahtumia.
audit-at = Aika
audit-actor = Tekijä
audit-action = Toiminto
audit-record = Tietue
audit-detail = Lisätieto
audit-older = Vanhemmat tapahtumat

error-page-title = Virhe
error-status = Virhekoodi { $status }
error-summary-title = Korjaa nämä kohdat
error-required = tieto puuttuu.
error-too_long = { $max ->
    [one] teksti on liian pitkä (enintään { $max } merkki).
   *[other] teksti on liian pitkä (enintään { $max } merkkiä).
}
error-control_character = tekstissä on merkki, jota ei voi tallentaa. Kirjoita teksti uudelleen.
error-identity_code = tekstissä on henkilötunnus. Henkilötunnuksia ei tallenneta rekisteriin – poista se.
error-not_a_date = päivämäärä ei kelpaa. Anna se muodossa päivä.kuukausi.vuosi, esimerkiksi 3.2.2026.
error-invalid_choice = valitse jokin luettelon vaihtoehdoista.
error-invalid_url = verkko-osoitteen pitää alkaa https:// tai http://.
error-invalid_email = sähköpostiosoite ei kelpaa.
error-invalid_phone = puhelinnumero ei kelpaa. Käytä numeroita ja tarvittaessa +-merkkiä.
error-invalid_municipality = Kuntaa ei löytynyt. Kirjoita kunnan nimi suomeksi tai ruotsiksi (esimerkiksi Joensuu tai Borgå) ja erota kunnat pilkulla.
error-invalid_username = käytä 3–64 merkkiä: pieniä kirjaimia a–z, numeroita ja merkkejä . _ - @
error-password_too_short = { $min ->
    [one] salasanassa pitää olla vähintään { $min } merkki.
   *[other] salasanassa pitää olla vähintään { $min } merkkiä.
}
error-password_too_long = { $max ->
    [one] salasanassa saa olla enintään { $max } merkki.
   *[other] salasanassa saa olla enintään { $max } merkkiä.
}
error-passwords_differ = salasanat eivät ole samat. Kirjoita sama uusi salasana molempiin kenttiin.
error-password_weak = salasana on liian helppo arvata. Valitse pidempi lause, jota ei löydy sanakirjoista tai yleisistä salasanoista, esimerkiksi neljä toisiinsa liittymätöntä sanaa.
error-password_has_name = salasanassa ei saa olla käyttäjätunnusta. Valitse salasana, jossa nimeäsi ei ole.
error-place_inactive = Toimipaikkasi (kulttuurikohde tai jakopiste) on merkitty kaikussa ei-aktiiviseksi, joten et voi toimia siellä. Jos se on taas toiminnassa, pyydä alueesi koordinaattoria merkitsemään se aktiiviseksi.
error-out_of_range = arvon pitää olla väliltä { $min }–{ $max }. Anna arvo tältä väliltä.
error-password_unchanged = Valitse eri salasana kuin nykyinen.
error-invalid_input = Tiedoissa on virhe.
error-not_logged_in = Et ole kirjautunut sisään. Kirjaudu sisään ja yritä uudelleen.
error-forbidden = Sinulla ei ole oikeutta tähän. Jos tarvitset oikeuden, pyydä sitä alueesi koordinaattorilta.
error-password_change_required = Vaihda ensin salasana, jonka joku muu on sinulle asettanut: valitse oma salasana kohdassa Oma tunnus. Sen jälkeen voit jatkaa.
error-cannot_grant_own_account = Omalle tunnukselle ei voi antaa tehtäviä. Pyydä sitä toiselta alueen koordinaattorilta tai valtakunnalliselta pääkäyttäjältä.
error-statistics_whole_years_only = Alueen ulkopuolelle tilastot näytetään vain kokonaisille kalenterivuosille. Valitse vuosi.
error-statistics_not_submitted = Alue ei ole vielä lähettänyt tämän vuoden tilastoja. Luvut näkyvät täällä, kun alueen koordinaattori lähettää ne.
error-statistics_live_inside_area_only = Rekisteristä nyt laskettuja lukuja näkee vain alueen oma koordinaattori. Valtakunnallisesti näytetään alueiden lähettämät luvut.
error-item_has_tickets = Tapahtumalla on jo Kaikukortti-lippuja, joten sitä ei voi poistaa. Merkitse se loppuunmyydyksi tai sulje se Kaikukortilta.
error-grant_outside_home = Alueen tunnuksella voi olla tehtäviä vain oman alueensa sisällä. Jos henkilö tarvitsee tehtäviä useilla alueilla (esimerkiksi lippuvälittäjä), pyydä valtakunnalliselta pääkäyttäjältä valtakunnallinen tunnus.
error-account_keys_at_home = Tämä tunnus kuuluu alueelle, ja sen salasanan, käyttöönoton ja tehtävät hoitaa alueen koordinaattori. Valtakunnallinen pääkäyttäjä voi vain poistaa tunnuksen käytöstä. Pyydä alueen koordinaattoria tekemään muutos.
error-national_admin_reads_no_cards = Valtakunnallisen pääkäyttäjän tunnuksella ei voi olla jakopisteen eikä lipunmyynnin tehtävää, koska ne näyttävät korttien koodit, joita valtakunnallinen tuki ei näe. Tee tehtävää varten erillinen tunnus.
account-keys-at-home-note = Tämä tunnus kuuluu alueelle: sen salasanan ja tehtävät hoitaa alueen koordinaattori. Voit poistaa tunnuksen käytöstä, jos sitä käytetään väärin.
error-not_found = Sivua tai tietuetta ei löytynyt. Tarkista osoite.
error-bad_credentials = Käyttäjätunnus tai salasana on väärin. Tarkista ne ja yritä uudelleen.
error-too_many_attempts = Liian monta epäonnistunutta yritystä. Yritä uudelleen { $minutes } minuutin kuluttua.
error-csrf_token_invalid = Lomake on vanhentunut. Lataa sivu uudelleen ja lähetä lomake vielä kerran.
error-unsupported_media_type = Pyynnön muoto ei kelpaa. Lähetä tiedot JSON-muodossa (Content-Type: application/json).
error-payload_too_large = Lähetetty tieto on liian suuri. Lähetä pienempi tiedosto tai vähemmän tietoa kerralla.
error-malformed_body = Pyynnön sisältö ei ole tälle toiminnolle kelpaavaa tietoa.
error-malformed_field = Kentän { $field } arvo on väärää tyyppiä tai kenttää ei tunneta.
error-unavailable = Tietokanta ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.
error-internal_error = Järjestelmässä tapahtui virhe. Mitään ei tallennettu. Yritä uudelleen; jos virhe toistuu, ota yhteyttä tukeen.
error-already_exists = Samanlainen tietue on jo olemassa.
error-area_name_taken = Tämän niminen alue on jo olemassa. Valitse toinen nimi.
error-point_name_taken = Alueella on jo tämän niminen jakopiste. Valitse toinen nimi.
error-venue_name_taken = Alueella on jo tämän niminen kulttuuritoimija. Valitse toinen nimi.
error-username_taken = Käyttäjätunnus on jo käytössä. Valitse toinen tai lisää tehtävä olemassa olevalle tunnukselle.
error-grant_exists = Tunnuksella on jo tämä tehtävä.
error-cannot_remove_own_admin = Et voi poistaa omaa ylläpitäjän tehtävääsi. Pyydä toista ylläpitäjää tekemään se.
error-use_own_password_form = Vaihda oma salasanasi Oma tunnus -sivulla.
error-cannot_deactivate_self = Et voi sulkea omaa tunnustasi.
error-current_password_wrong = Nykyinen salasana on väärin. Salasanaa ei vaihdettu.
error-method_not_allowed = Tätä toimintoa ei voi tehdä tällä osoitteella.
error-timeout = Pyyntö kesti liian kauan. Yritä uudelleen.

# ---------- kortit (issue 3) ----------
nav-cards = Kortit
nav-check = Tarkista kortti
action-search = Hae
action-print = Tulosta
cards-search-label = Kortin koodi
cards-stock-title = Korttivarasto
cards-recent-title = Kortit
cards-empty = Kortteja ei löytynyt.
cards-point-title = Kortit
series-list-title = Painetut sarjat
series-empty = Sarjoja ei ole vielä kirjattu.
series-codes = Koodit
series-title = Sarja
series-new-title = Kirjaa painettu korttisarja
series-new-intro = Anna korttiin painetut koodit: etuliite ja numeroväli (E + 1…5000 antaa E1…E5000; leveydellä 4 E0001…E5000). Sarjan kaikki kortit siirtyvät alueen varastoon.
series-unallocated = Ei jakopisteen varastossa
action-new-series = Kirjaa sarja
action-create-series = Kirjaa sarja
action-back-to-stock = Takaisin korttivarastoon
allocations-title = Jakopisteiden varastot
allocations-empty = Kortteja ei ole vielä siirretty jakopisteiden varastoihin: kaikki alueen jakopisteet voivat jakaa kortteja tästä sarjasta.
allocate-title = Siirrä kortteja jakopisteen varastoon
allocate-intro = Sarjan numerot: { $range }.
action-allocate = Siirrä
by-point-title = Kortit jakopisteittäin
count-in_stock = Varastossa
count-issued = Voimassa
count-expired = Vanhentuneet
count-void = Mitätöidyt
check-none = Ei tarkistemerkkiä
check-luhn = Luhn (vain numerot)
check-mod37 = ISO 7064 MOD 37,36
field-prefix = Etuliite
field-first = Ensimmäinen numero
field-last = Viimeinen numero
field-width = Leveys
field-check = Tarkistemerkki
hint-prefix = Kirjaimet tai numerot ennen numeroa, esimerkiksi E. Jätä tyhjäksi, jos koodit ovat pelkkiä numeroita.
hint-width = Täytä numerot nollilla tähän pituuteen (4 antaa E0001). Jätä tyhjäksi, jos korteissa ei ole etunollia.
hint-check = Jos painetut koodit päättyvät tarkistemerkkiin, valitse miten se lasketaan.
field-code = Kortin koodi
hint-code = Kuten kortissa; välilyönneillä ja viivoilla ei ole väliä.
field-kind = Korttityyppi
card-kind = Tyyppi
card-kind-personal = Henkilökohtainen kortti
card-kind-community = Yhteisökortti
card-status = Tila
card-status-in_stock = Varastossa (ei jaettu)
card-status-issued = Voimassa
card-status-expired = Vanhentunut
card-status-void = Mitätöity
card-valid-from = Voimassa alkaen
card-valid-until = Voimassa asti
card-organisation = Organisaatio
card-title = Kortti
card-issue-title = Jaa henkilökohtainen kortti
card-issue-community-title = Jaa yhteisökortti
card-renew-title = Jatka kortin voimassaoloa
card-issue-intro = Luovutuslomake. Haltijan nimi kirjoitetaan vain korttiin, ei tänne. Kysy vain sitä, minkä asiakas haluaa kertoa; "ei halua kertoa" on aina vastaus.
card-issue-community-intro = Yhteisökortti kuuluu organisaatiollesi; korttiin kirjoitetaan organisaation nimi, ei kenenkään henkilön nimeä. Kun työntekijä järjestää asiakkailleen pienryhmäkäynnin tai lähtee yhden asiakkaan kanssa, hän saa kortilla maksuttoman lipun itselleen ja alle 16-vuotiaille asiakkaille. Myös organisaation vapaaehtoiset ja opiskelijat voivat käyttää korttia. Jokaisella 16 vuotta täyttäneellä asiakkaalla on oma Kaikukorttinsa. Yhteisökortilla ei saa kurssipaikkoja.
card-valid-until-preview = Kortti on voimassa
card-valid-until-preview-end = {" "}asti.
card-trial-note = Alueella on kokeilu: kortit ovat voimassa enintään kokeilun loppuun.
action-issue = Jaa kortti
action-issue-personal = Jaa henkilökohtainen kortti
action-issue-community = Jaa yhteisökortti
action-issue-next = Jaa seuraava kortti
action-renew = Jatka voimassaoloa
field-grant_date = Myöntämispäivä
hint-grant_date = Tänään, tai myöhemmin kirjattavan paperilomakkeen päivä. Ei koskaan tuleva päivä.
field-birth_year = Syntymävuosi
hint-birth_year = Vain vuosi, neljä numeroa (ei koskaan syntymäaikaa).
field-confirmed_at_least_16 = Asiakas on vähintään 16-vuotias
field-mother_tongue = Äidinkieli
field-gender = Sukupuoli
field-postal_code_kind = Kodin postinumero
field-postal_code = Postinumero
hint-postal_code = Viisi numeroa, jos asiakkaalla on postinumero.
field-minor_children = Alle 18-vuotiaat lapset ja lapsenlapset
hint-minor_children = Omat ja samassa taloudessa asuvat alle 18-vuotiaat lapset ja lapsenlapset (0–20). Merkitään korttiin: se rajaa lasten liput.
field-life_situations = Elämäntilanne
hint-life_situations = Valitse kaikki sopivat. Jos mitään ei valita, vastaus on "ei halua kertoa".
gender-woman = nainen
gender-man = mies
gender-other = muu
gender-not_stated = ei halua kertoa
postal-kind-code = Postinumero (alla)
postal-kind-no_permanent_address = Ei vakituista osoitetta
postal-kind-not_stated = Ei halua kertoa
card-issued-title = Kortti on jaettu
card-renewed-title = Kortin voimassaoloa on jatkettu
card-write-on-card = Kirjoita korttiin:
card-tell-client = Kerro asiakkaalle, että kortti on voimassa { $date } asti ja että se on henkilökohtainen: vain haltija voi käyttää sitä.
card-voided-notice = Kortti on mitätöity. Sitä ei voi enää käyttää.
card-history-title = Historia
card-history-empty = Kortille ei ole vielä tapahtunut mitään.
card-event-issued = Jaettu
card-event-renewed = Voimassaoloa jatkettu
card-event-voided = Mitätöity
card-void-title = Mitätöi kortti
field-reason = Syy
field-note = Lisätieto
hint-note = Pakollinen, kun syy on "Muu". Ei koskaan nimeä eikä henkilötunnusta.
void-reason-lost = Kadonnut
void-reason-destroyed = Tuhoutunut
void-reason-returned = Palautettu
void-reason-other = Muu
action-void = Mitätöi kortti
subject-access-title = Kaikki tälle koodille tallennettu
subject-access-intro = Kortinhaltijalle, joka kysyy, mitä hänen kortistaan on tallennettu (tietosuoja). Rekisterissä ei ole nimeä, henkilötunnusta, syntymäaikaa eikä osoitetta.
subject-access-printed = Tulostettu { $time }.
check-title = Tarkista kortti
action-check = Tarkista
check-valid = voimassa
check-not-valid = ei voimassa
check-privacy = Tarkistus näyttää vain, onko kortti voimassa; ei mitään sen haltijasta.
error-card_unknown = Tällä koodilla ei ole korttia. Tarkista kortissa oleva koodi.
error-card_lookups_paused = { $minutes ->
    [one] Tältä tunnukselta on tunnin sisällä tarkistettu liian monta koodia, joita ei ole rekisterissä, joten korttien tarkistus on tauolla { $minutes } minuutin. Tarkista kortissa oleva koodi huolellisesti. Jos tämä toistuu, ota yhteyttä alueen koordinaattoriin.
   *[other] Tältä tunnukselta on tunnin sisällä tarkistettu liian monta koodia, joita ei ole rekisterissä, joten korttien tarkistus on tauolla { $minutes } minuuttia. Tarkista kortissa oleva koodi huolellisesti. Jos tämä toistuu, ota yhteyttä alueen koordinaattoriin.
}
error-card_check_character = Koodissa on kirjoitusvirhe: viimeinen merkki ei täsmää. Tarkista kortissa oleva koodi.
error-card_other_area = Kortti kuuluu toiselle Kaikukortti-alueelle. Kortteja jaetaan vain oman alueen varastosta.
error-card_allocated_elsewhere = Kortti on toisen jakopisteen varastossa. Jaa kortti omasta varastostasi tai pyydä alueen koordinaattoria siirtämään se.
error-card_already_issued = Kortti on jo jaettu ja voimassa { $date } asti. Tarkista koodi, tai jatka kortin voimassaoloa, kun se on päättymässä.
error-card_expired_use_renew = Kortti on jo jaettu ja sen voimassaolo on päättynyt. Jatka kortin voimassaoloa.
error-card_void = Tämä kortti ei ole enää käytössä. Uuden kortin saa jakopisteestä.
error-card_not_issued = Tätä korttia ei ole vielä annettu kenellekään. Tarkista kortissa oleva koodi.
error-card_expired = Kortin voimassaolo päättyi { $date }. Voimassaoloa voi jatkaa siellä, mistä kortin sai.
error-card_not_yet_renewable = Kortti on vielä voimassa. Sen voimassaoloa voi jatkaa { $date } alkaen.
error-card_kind_differs = Kortin voimassaoloa jatketaan samantyyppisenä; toisen tyypin kortiksi jaetaan uusi kortti.
error-card_changed = Joku muutti tätä korttia juuri äsken. Lataa sivu uudelleen ja yritä uudestaan.
error-card_code_too_long = kortin koodissa on enintään 16 kirjainta ja numeroa.
error-card_code_bad_character = koodissa on merkki, jota korttien koodeissa ei ole. Käytä kirjaimia A–Z ja numeroita.
error-series_prefix = etuliitteessä voi olla vain kirjaimia A–Z ja numeroita.
error-series_order = viimeinen numero ei voi olla pienempi kuin ensimmäinen.
error-series_too_many = { $max ->
    [one] yhdessä sarjassa voi olla enintään { $max } kortti; kirjaa suurempi painos osissa.
   *[other] yhdessä sarjassa voi olla enintään { $max } korttia; kirjaa suurempi painos osissa.
}
error-series_negative = numerot eivät voi olla negatiivisia.
error-series_code_too_long = koodeista tulisi yli 16 merkin pituisia. Käytä lyhyempää etuliitettä tai leveyttä.
error-series_luhn_digits = Luhn toimii vain numeroista koostuville koodeille. Valitse ISO 7064, jos koodeissa on kirjaimia.
error-series_overlaps = Kortti { $code } on jo rekisterissä. Sarjat eivät saa mennä päällekkäin missään päin maata.
error-allocation_range = numeroiden on oltava sarjan sisällä ({ $first }–{ $last }), eikä ensimmäinen saa olla viimeisen jälkeen.
error-allocation_overlaps = Kortti { $code } on jo toisen jakopisteen varastossa.
error-grant_date_future = myöntämispäivä ei voi olla tulevaisuudessa.
error-grant_date_after_trial = alueen kokeilu päättyi { $date }: sen jälkeen kortteja ei voi luovuttaa.
error-under_16 = asiakkaan on oltava vähintään 16-vuotias: syntymävuosi voi olla enintään { $latest }.
error-birth_year_range = anna syntymävuosi neljällä numerolla (1900–{ $latest }).
error-age_not_confirmed = vahvista, että asiakas on vähintään 16-vuotias.
error-postal_code = postinumerossa on viisi numeroa. Valitse "Ei vakituista osoitetta" tai "Ei halua kertoa", jos sitä ei ole.
error-children_range = anna luku väliltä 0–{ $max }.
error-not_stated_with_others = "Ei halua kertoa" -vaihtoehtoa ei voi valita yhdessä muiden elämäntilanteiden kanssa.

# ---------- kansalliset luettelot ----------
nav-lists = Luettelot
lists-title = Luovutuslomakkeen luettelot
lists-intro = Äidinkielet ja elämäntilanteet ovat valtakunnallisia luetteloita. Voit lisätä vaihtoehtoja ja poistaa niitä käytöstä; jo tallennetut vastaukset säilyvät. "Muu" ja "ei halua kertoa" ovat aina käytössä.
list-mother_tongue = Äidinkielet
list-life_situation = Elämäntilanteet
list-out-of-use = Poistettu käytöstä
list-add-title = Lisää vaihtoehto
list-entry-title = Vaihtoehto
list-entry-intro = Muuta nimiä tai poista vaihtoehto käytöstä. Koodi ei muutu, jotta tilastot pysyvät vertailukelpoisina.
action-add-entry = Lisää
field-list = Luettelo
field-label_fi = Nimi suomeksi
field-label_sv = Nimi ruotsiksi
field-label_en = Nimi englanniksi
error-option_code = äidinkielen koodi on ISO 639 -koodi (2–3 kirjainta, esim. kmr); elämäntilanteen koodi pieniä kirjaimia ja alaviivoja.
error-option_exists = Luettelossa on jo tämä koodi.
error-list_full = Luettelossa on jo 40 käytössä olevaa vaihtoehtoa, enempää ei voi olla. Poista ensin jokin vaihtoehto käytöstä.
error-option_fixed = "Muu" ja "ei halua kertoa" ovat aina käytössä.

# ---------- tarjonta (issue 4) ----------
nav-offering = Tarjonta
nav-cap-policy = Ylärajan säännöt
items-title = Tarjonta
item-new-title = Uusi tapahtuma tai kurssi
item-edit-title = Muuta tapahtumaa tai kurssia
item-form-intro = Jokainen tapahtuma ja kurssi on Kaikukortin piirissä, ellet rajaa sitä pois julkisella perusteella. Ylärajan on noudatettava valtakunnallista sääntöä; ilman ylärajaa rajana on vain kapasiteetti. Yläraja ei velvoita pitämään lippuja varattuina Kaikukortin haltijoille: he varaavat ajoissa kuten muutkin.
action-new-item = Uusi tapahtuma tai kurssi
action-publish = Julkaise
action-remove-item = Poista
items-venue-profile = Toimijan tiedot
items-upcoming = Vain tulevat
items-all = Näytä myös menneet
items-empty = Kohteita ei ole vielä.
items-windows = Aikarajat
items-state = Tila
items-booking-days = { $days ->
    [one] varattavissa { $days } päivä ennen
   *[other] varattavissa { $days } päivää ennen
}
items-redeem-minutes = noudettavissa { $minutes } min ennen
items-excluded = Ei Kaikukortilla
items-sold-out = Loppuunmyyty
items-open = Avoin
item-type-event = Tapahtuma
item-type-course = Kurssi
field-title = Nimi
field-starts_at = Alkaa
hint-starts_at = Päivä ja kellonaika Suomen aikaa. Kurssille sen ensimmäinen päivä.
field-capacity = Kapasiteetti (paikkaa)
field-class = Luokka ylärajan sääntöä varten
hint-class = Pieni esitys: enintään 50 paikkaa. Hyvin pieni: enintään 10 (kokeilusääntö). Suurtapahtuma: yli 1000.
field-cap = Kaikukortin yläraja
hint-cap = Jätä tyhjäksi, jos ylärajaa ei ole. Perussääntö: vähintään 5 % kapasiteetista.
field-booking_opens_days_before = Varattavissa (päivää ennen)
hint-booking_opens_days_before = Jätä tyhjäksi, jos lippuja voi varata milloin vain, esim. 30 päivää ennen.
field-redeem_opens_minutes_before = Noudettavissa (minuuttia ennen)
hint-redeem_opens_minutes_before = Jätä tyhjäksi, jos lipun voi noutaa milloin vain, esim. 30.
field-sold_out = Loppuunmyyty
field-excluded = Rajattu Kaikukortin ulkopuolelle
field-exclusion_reason = Julkinen peruste rajaukselle
hint-exclusion_reason = Näytetään esitteessä, esim. vierailuesitys.
field-repeat = Toista
field-repeat_until = Toista asti
class-default = Perus
class-small_performance = Pieni esitys
class-very_small_performance = Hyvin pieni esitys (kokeilusääntö)
class-large_event = Suurtapahtuma (yli 1000)
class-swimming_hall_day = Uimahallipäivä (kokeilusääntö)
class-guest_producer = Vierailijatuottaja
repeat-none = Vain kerran
repeat-weekly = Joka viikko
repeat-daily = Joka päivä
cap-policy-title = Valtakunnalliset ylärajan säännöt
cap-policy-intro = Pienin yläraja, joka tapahtumalla tai kurssilla saa olla, luokittain. Uusi versio koskee tapahtumia ja kursseja sen alkamispäivästä alkaen; sitä aiemmat säilyttävät säännön, jolla ne julkaistiin.
cap-policy-new-title = Sääntöjen uusi versio
cap-col-small = Pieni (paikat: yläraja)
cap-col-very-small = Hyvin pieni (kokeilu)
cap-col-large = Suuri (paikat: yläraja)
cap-col-guest = Vierailijatuottaja
cap-trial-off = ei voimassa
field-effective_from = Voimassa alkaen
field-default_percent = Perus: prosenttia kapasiteetista
field-small_max_capacity = Pieni esitys: enintään paikkaa
field-small_min_cap = Pieni esitys ja kurssi: pienin yläraja
field-very_small_max_capacity = Hyvin pieni esitys: enintään paikkaa
hint-very_small_max_capacity = Kokeilusääntö (yläraja 0 tai 1). Jätä tyhjäksi, kun se ei ole voimassa.
field-large_min_capacity = Suurtapahtuma: enemmän paikkoja kuin
field-large_min_cap = Suurtapahtuma: pienin yläraja
field-swimming_min_cap = Uimahallipäivä: pienin yläraja
hint-swimming_min_cap = Kokeilusääntö. Jätä tyhjäksi, kun se ei ole voimassa.
field-guest_min_cap = Vierailijatuottaja: pienin yläraja
field-guest_max_cap = Vierailijatuottaja: suurin yläraja
error-cap_below_percent = { $capacity } paikan esityksessä ylärajan on oltava vähintään { $min } ({ $percent } %).
error-cap_below_minimum = tämän luokan ylärajan on oltava vähintään { $min }.
error-cap_course_minimum = { $min ->
    [one] kurssin on tarjottava Kaikukortille vähintään { $min } paikka.
   *[other] kurssin on tarjottava Kaikukortille vähintään { $min } paikkaa.
}
error-cap_above_capacity = yläraja ei voi olla suurempi kuin kapasiteetti ({ $capacity }).
error-cap_guest_range = vierailijatuottajan yläraja on { $min }–{ $max }.
error-cap_very_small = hyvin pienen esityksen yläraja voi olla 0 tai 1.
error-class_small_capacity = tämä luokka on enintään { $limit } paikalle. Valitse toinen luokka.
error-class_large_capacity = { $limit ->
    [one] suurtapahtumassa on yli { $limit } paikka. Valitse toinen luokka.
   *[other] suurtapahtumassa on yli { $limit } paikkaa. Valitse toinen luokka.
}
error-class_trial_off = tämä kokeilusääntö ei ole voimassa { $date }. Valitse toinen luokka.
error-class_not_swimming_hall = uimahallipäivät ovat uimahalleille.
error-series_too_long = sarjassa voi olla enintään { $max } päivämäärää; toista aiempaan päivään asti.
error-policy_in_past = uusi versio tulee voimaan tänään tai myöhemmin, ei koskaan menneisyydessä.
error-policy_date_taken = Samana päivänä tulee voimaan jo toinen versio.

# ---------- esite ----------
catalogue-title = Missä kortti käy
catalogue-intro = Kaikukortilla saat maksuttomia lippuja kaikkeen, mikä on tällä sivulla. Näytä korttisi lippua hakiessasi tai kerro sen koodi, kun varaat. Omat lapsesi ja lapsenlapsesi saavat maksuttoman lipun samaan tapahtumaan kanssasi (ei kursseille). Avustajasi, tulkkisi tai saattajasi pääsee aina maksutta.
catalogue-any = Kaikki
catalogue-count = { $count ->
    [one] { $count } kohde
   *[other] { $count } kohdetta
}
catalogue-cap = { $cap ->
    [one] enintään { $cap } lippu Kaikukortilla
   *[other] enintään { $cap } lippua Kaikukortilla
}
catalogue-booking-from = liput voi varata { $date } alkaen
catalogue-redeem-from = liput voi noutaa klo { $time } alkaen
catalogue-assistant = Vammaisen henkilön avustaja, tulkki tai saattaja pääsee maksutta
catalogue-where-tickets = Mistä liput saa
catalogue-accessibility = Saavutettavuus
catalogue-restrictions = Rajoitukset
catalogue-cloakroom = Narikka on maksuton
catalogue-no-items = Ei päivättyä tarjontaa tällä aikavälillä: kysy kohteesta.
catalogue-exclusions = Ei Kaikukortilla:
catalogue-local-only = Alueen kortit käyvät vain alueen omissa kohteissa, ja kohteet ottavat vain alueen kortteja.
field-municipality = Kunta
field-from = Alkaen
field-to = Asti
field-ticket_agency = Lipunvälittäjä
hint-ticket_agency = Välittäjä, jonka kautta kohde myy lippuja, esim. Lippupiste.
field-municipality_code = Kunta
hint-municipality_code = Luettelon kuntasuodatinta varten.
brochure-title = Esite
brochure-pdf = Esite PDF-tiedostona
brochure-intro = Kaikukortti on henkilökohtainen kortti, jolla saat maksuttomia lippuja kulttuuriin. Ota kortti mukaan. Avustajasi, tulkkisi tai saattajasi pääsee maksutta.
brochure-period = Tarjonta { $period }.

# box office (SPEC §6)
nav-box-office = Lipunmyynti
box-office-title = Lipunmyynti
box-office-choose = Valitse kulttuuritoimija
box-office-no-venues = Et hoida minkään kulttuuritoimijan lipunmyyntiä.
backlog-title = Paperilta kirjattavat käynnit
backlog-link = Kirjaa käyntejä paperilta
backlog-intro = Paperille ensin kirjatut käynnit kirjataan tässä sen tapahtuman kohdalle, johon ne kuuluivat. Kortin voimassaolo ja yläraja tarkistetaan sen päivän mukaan; varaus- ja noutoaikoja ei.
box-office-item-tickets = Tämän tapahtuman kirjatut liput
box-office-may = maksuttomat liput voi antaa
box-office-may-not = ei maksuttomia lippuja
box-office-ok = Annettavat liput: aikuisia { $adults }, lapsia { $children }. Kirjaa ne painamalla Enter tai painiketta.
box-office-refused = Mitään ei kirjattu. Kerro asiakkaalle syy, tai korjaa tiedot ja tarkista uudelleen.
box-office-left = Kaikukortti-lippuja jäljellä { $left }
box-office-group = Ryhmäkäynti ja myyntikanava
box-office-help = Kirjoita tai lue kortin koodi ja paina Enter tarkistaaksesi. Kun vastaus sanoo, että liput voi antaa (✓), kirjaa ne painamalla uudelleen Enter.
action-record-use = Kirjaa maksuttomat liput
field-item = Tapahtuma tai kurssi
field-card_code = Kortin koodi
field-adults = Aikuisten liput
hint-adults = Kortinhaltija sekä hänen omat lapsensa tai lapsenlapsensa, jotka ovat lapsen ikärajaa vanhempia.
field-children = Lasten liput
hint-children = Kortinhaltijan omat lapset ja lapsenlapset lapsen ikärajan alla, enintään kortissa oleva määrä. Yhteisökortilla: alle 16-vuotiaat asiakkaat.
field-members = Ryhmän jäsenten omat kortit
hint-members = Yhteisökortilla: ryhmän 16 vuotta täyttäneiden jäsenten korttien koodit, yksi riviä kohden.
field-channel = Myyntikanava
field-idempotency_key = Toistoavain
field-child_age_under = Lasten liput: ikä alle
note-counts = Aikuisia { $adults }, lapsia { $children }
note-free-cloakroom = Maksuton narikka
use-title = Liput kirjattu
use-note-title = Kirjoita lippuun
use-codes = Kortit
use-tickets = Tämän käynnin liput
use-state = Tila
use-member = ryhmän jäsen
use-next-card = Seuraava kortti
ticket-status-reserved = Varattu
ticket-status-redeemed = Noudettu
ticket-status-cancelled = Peruttu
ticket-backlog = paperilta
action-redeem = Merkitse noudetuksi
action-cancel-ticket = Peru lippu
action-redeem-all = Merkitse kaikki noudetuiksi
action-cancel-all = Peru koko käynti
item-tickets-title = Kaikukortti-liput
item-tickets-used = Kirjattuja Kaikukortti-lippuja: { $used }
item-tickets-empty = Tähän tapahtumaan ei ole vielä kirjattu Kaikukortti-lippuja.
item-tickets-recorded = Kirjattu
error-card_expired_on_item_day = Kortti on voimassa { $date } asti, eli ennen tämän tapahtuman tai kurssin päivää. Voimassaoloa voi jatkaa siellä, mistä kortin sai.
error-card_not_yet_valid = Kortti ei ollut vielä voimassa käyntipäivänä. Tarkista päivämäärä.
error-item_excluded = Tämä tapahtuma ei ole Kaikukortin piirissä.
error-item_sold_out = Tapahtuma on loppuunmyyty, joten Kaikukortti-lippujakaan ei voi antaa.
error-cap_reached = Tähän tapahtumaan ei ole tarpeeksi Kaikukortti-lippuja jäljellä: jäljellä { $left }.
error-before_booking_window = Tämän tapahtuman Kaikukortti-lippuja voi varata { $time } alkaen.
error-before_redemption_window = Tämän tapahtuman lippuja voi noutaa { $time } alkaen.
error-course_with_companions = Kurssipaikka on vain kortinhaltijalle: yksi paikka, ei seuralaisia.
error-course_with_community_card = Yhteisökortilla ei voi saada kurssipaikkaa.
error-already_has_ticket = Tällä kortilla on jo lippu tähän tapahtumaan. Peru se ensin, jos se kirjattiin vahingossa.
error-web_shop = Kaikukortti-lippuja ei koskaan myydä verkkokaupassa. Valitse lipputoimisto, lippupalvelu tai puhelin.
error-unknown_channel = Valitse myyntikanava luettelosta.
error-too_many_children = { $max ->
    [one] Kortilla saa enintään { $max } lastenlipun haltijan omille lapsille ja lapsenlapsille.
   *[other] Kortilla saa enintään { $max } lastenlippua haltijan omille lapsille ja lapsenlapsille.
}
error-no_holder_ticket = Kortinhaltijan oma lippu puuttuu: aikuisten lippuja on oltava vähintään 1.
error-card_local_only = Kortti tai kulttuuritoimija kuuluu paikalliseen Kaikukortti-alueeseen: sen kortit käyvät vain sen omilla toimijoilla.
error-item_over = Tapahtuma oli { $date }. Kirjaa paperilistan käynti valitsemalla ”Kirjaa käyntejä paperilta”.
error-member_not_personal = Ryhmän jäsenellä on oltava oma henkilökohtainen kortti; yhteisökortti ei voi olla jäsen.
error-duplicate_card = Sama kortti on kirjattu tähän käyntiin kahdesti.
visit-card-number = kortti { $n }
error-visit_refused = Mitään ei kirjattu: kortteja { $codes } ei voi käyttää. Katso kunkin kortin syyt.
error-too_many_members = { $max ->
    [one] Ryhmäkäynnillä on enintään { $max } jäsen.
   *[other] Ryhmäkäynnillä on enintään { $max } jäsentä.
}
error-idempotency_key_invalid = { $max ->
    [one] avaimessa on enintään { $max } näkyvä merkki.
   *[other] avaimessa on enintään { $max } näkyvää merkkiä.
}
error-idempotency_key_reused = Tätä toistoavainta on jo käytetty toiseen pyyntöön. Lähetä uusi avain uuden pyynnön kanssa.
error-ticket_already_redeemed = Lippu on jo noudettu.
error-ticket_cancelled = Lippu on peruttu, eikä sitä voi noutaa.
error-ticket_already_cancelled = Lippu on jo peruttu.

# reports (SPEC §7)
nav-report = Raportti
report-title = Käyttöraportti
report-col-card_code = Kortin koodi
report-col-adults = Aikuiset
report-col-children = Lapset
report-col-item = Tapahtuma tai kurssi
report-col-date = Päivämäärä
report-total = Yhteensä
report-this-month = Tämä kuukausi
report-previous-month = Edellinen kuukausi
report-download-xlsx = Lataa Excel-tiedostona (XLSX)
report-download-csv = Lataa CSV-tiedostona
report-empty = Tällä jaksolla ei ole Kaikukortti-lippuja.
action-show = Näytä
error-period_order = jakson loppu on ennen sen alkua.
error-period_too_long = raportti kattaa enintään kymmenen vuotta.
error-catalogue_period_too_long = { $days ->
    [one] luettelo näyttää kerrallaan enintään { $days } päivän. Valitse lyhyempi jakso.
   *[other] luettelo näyttää kerrallaan enintään { $days } päivää. Valitse lyhyempi jakso.
}
report-submission-title = Lähettäminen koordinaattorille
report-not-submitted = Tämän jakson raporttia ei ole vielä lähetetty. Lähetetty raportti säilyy sellaisenaan; myöhempi korjaus on uusi versio.
report-submit-again-hint = Tämä jakso on lähetetty. Jos lippuja on sen jälkeen muutettu, lähetä korjaus: siitä tulee uusi versio, joka näyttää muutokset.
action-submit-report = Lähetä raportti koordinaattorille
action-submit-correction = Lähetä korjaus
report-versions = Lähetetyt versiot
report-version = Versio
report-submitted-at = Lähetetty
report-change = Muutos
report-change-from = versiosta
report-adults-before = aikuisia ennen
report-children-before = lapsia ennen
report-submitted-notice = Raportti lähetettiin koordinaattorille.
area-reports-title = Toimijoiden raportit
area-reports-caption = Toimijat ja niiden raportit jaksolta
area-reports-state = Raportti
area-reports-submitted = lähetetty
area-reports-missing = ei lähetetty
area-reports-contact = Yhteyshenkilö
area-reports-no-contact = Toimijan tiedoissa ei ole yhteyshenkilöä.
stats-title = Tilastot
stats-suppressed = Alueen ulkopuolelle näytetään vain kokonaiset vuodet sellaisina kuin alue on ne lähettänyt. Merkintä <5 tarkoittaa 0–4 henkilöä: tyhjä rivi näyttää samalta kuin pieni, jotta kenenkään ryhmää ei voi päätellä. Merkinnällä x on piilotettu luku, josta muuten voisi laskea pienen luvun summista, valtakunnallisesta taulukosta tai aiemmasta versiosta. Näin ketään ei voi tunnistaa pienistä luvuista.
stats-cards = Kortit
stats-issued-new = Myönnetty
stats-renewed = Voimassaoloa jatkettu
stats-community = Yhteisökortit
stats-cards-used = Alueen kortit, joita on käytetty ainakin kerran
stats-share-used = Voimassa olleista korteista käytetty
stats-tickets = Kaikukortti-liput (aikuiset + lapset)
stats-by_distribution_point = Jakopaikoittain
stats-by_age_group = Kortit ikäryhmittäin
stats-by_gender = Kortit sukupuolen mukaan
stats-by_mother_tongue = Kortit äidinkielen mukaan
stats-by_postal_area = Kortit postinumeroalueen mukaan (kaksi ensimmäistä numeroa)
stats-by_life_situation = Kortit elämäntilanteen mukaan (jokainen valittu kohta)
stats-by_venue = Liput toimijoittain
stats-by_sector = Liput toimialoittain
stats-by_month = Liput kuukausittain
stats-by_category = Liput valtakunnallisen tilaston luokittain
stats-chart-desc = Aikuisten ja lasten liput; samat luvut ovat alla olevassa taulukossa.
stats-col-section = Taulukko
stats-col-line = Rivi
stats-col-value = Määrä tai aikuiset
stats-col-value2 = Lapset
stats-col-cards = Kortit
field-year = Vuosi
field-version = Versio
category-culture = Kulttuuri
category-education = Koulutus
category-science = Tiede
category-sport = Liikunta
nav-statistics = Tilastot
stats-national-title = Valtakunnalliset tilastot
stats-national-missing = Koko maan taulukko julkaistaan, kun kaikki alueet ovat lähettäneet vuoden luvut. Vielä lähettämättä: { $areas }.
stats-version-of = Versio { $version }
stats-whole-country = Koko maa
stats-by-area = Alueet
stats-not-submitted = ei lähetetty
stats-source-submitted = Alueiden lähettämät luvut.
stats-submit-hint = Koordinaattori lähettää alueen vuoden { $year } tilastot valtakunnalliselle tukipalvelulle. Ne säilyvät sellaisinaan; uusi lähetys tekee uuden version.
action-submit-statistics = Lähetä vuoden { $year } tilastot
stats-submitted-notice = Tilastot lähetettiin (versio { $version }).
error-anonymise_future = päivä ei saa olla tulevaisuudessa.
error-anonymise_whole_years = anonymisointi tehdään kokonaisina vuosina: valitse jonkin vuoden 1. tammikuuta, esimerkiksi 1.1.2023.
field-expired_before = Kortit, jotka vanhenivat ennen
anonymise-title = Vanhentuneiden korttien anonymisointi
anonymise-intro = Ennen valitsemaasi päivää vanhentuneiden korttien tiedot anonymisoidaan pysyvästi: koodi korvataan satunnaisella tunnisteella, syntymävuosi ikäryhmällä ja postinumero postinumeroalueella. Tilastot säilyvät ennallaan. Näet korttien määrän ennen kuin mitään muutetaan.
action-count = Laske
anonymise-some = Ennen tätä päivää vanhentuneita kortteja on vielä anonymisoimatta. Määrää ei näytetä tässä, jotta pientä henkilömäärää ei voi päätellä; anonymisoinnin jälkeen määrä pyöristetään ylöspäin seuraavaan kymmeneen.
anonymise-cannot-undo = Anonymisointia ei voi perua.
anonymise-none = Kaikki ennen tätä päivää vanhentuneet kortit on jo anonymisoitu.
action-anonymise = Anonymisoi kortit
anonymise-done = { $cards ->
    [one] Enintään { $cards } kortti anonymisoitiin (pyöristetty ylöspäin seuraavaan kymmeneen).
   *[other] Enintään { $cards } korttia anonymisoitiin (pyöristetty ylöspäin seuraavaan kymmeneen).
}
field-suppression_threshold = Tilastot: piilota luvut, jotka ovat alle
import-col-card_code = kortin koodi
import-col-adults = aikuiset
import-col-children = lapset
import-col-item_title = tapahtuma tai kurssi
import-col-date = päivämäärä
import-identifying-column = Sarakkeessa { $column } ({ $heading }) on henkilön tunnistavia tietoja, eikä sitä tuoda.
import-unknown-column = Sarakkeen { $column } otsikkoa kaiku ei tunne, eikä sitä tuoda.
import-row = Rivi { $row }:{" "}
import-identity-code = Rivi { $row }, sarake { $column }: sisältää henkilötunnukselta näyttävän tiedon. Riviä ei tuoda; poista tunnus taulukosta.
import-bad-code = Rivi { $row }: kortin koodissa on merkkejä, joita kortin koodeissa ei ole.
import-bad-number = Rivi { $row }: aikuisten ja lasten määrien on oltava kokonaislukuja 0–40.
import-bad-title = Rivi { $row }: tapahtuma tai kurssi puuttuu tai on liian pitkä.
import-bad-date = Rivi { $row }: päivämäärä ei ole päivämäärä; kirjoita se muodossa 3.2.2020 tai 2020-02-03.
import-duplicate-row = Rivi { $row }: sama käynti on taulukossa jo.
import-already-imported = Rivi { $row }: tuotu jo aiemmin.
error-import_missing_columns = Taulukosta puuttuvat sarakkeet: { $columns }. Käytä käyttöraportin sarakkeita.
error-sheet_empty = Tiedosto on tyhjä: tuotavaa ei ole.
error-sheet_no_rows = Taulukossa on otsikot mutta ei rivejä: tuotavaa ei ole.
error-sheet_unreadable = Tiedosto ei ole taulukko, jonka kaiku osaa lukea. Tallenna se XLSX- tai CSV-muodossa.
error-sheet_zip_bomb = Tiedosto purkautuisi paljon suuremmaksi kuin taulukko voi olla, eikä sitä avata.
error-sheet_too_many_rows = Taulukossa on yli 200 000 riviä. Jaa se enintään 200 000 rivin taulukoiksi ja tuo ne yksi kerrallaan.
error-sheet_too_many_columns = Taulukossa on enemmän sarakkeita kuin lomakkeessa: tietoa saa olla enintään 64 sarakkeessa, ja sarakkeita saa olla enintään 16 384. Jätä vain lomakkeen sarakkeet (kortin koodi, päivämäärät, määrät, vastaukset) ja tuo taulukko uudelleen.
error-sheet_cell_too_long = Taulukon solussa on yli 1000 merkkiä. Mikään lomakkeen vastaus ei ole niin pitkä: tarkista taulukko ja lyhennä tai poista solu.
error-import_has_refused_rows = Osa riveistä hylättiin. Korjaa ne ja lataa uudelleen, tai tuo vain hyväksytyt rivit.
error-import_confirmed_already = Tämä tuonti on jo kirjoitettu.
error-import_changed = Jokin muuttui esikatselun jälkeen (yläraja täyttyi, lippu kirjattiin). Lataa taulukko uudelleen uutta esikatselua varten.
import-title = Tuo käyntejä taulukosta
import-intro = Exceliin tai paperille kirjatut ja taulukkoon siirretyt käynnit tuodaan tässä: käyttöraportin sarakkeet (kortin koodi, aikuiset, lapset, tapahtuma tai kurssi, päivämäärä) missä järjestyksessä tahansa, otsikot suomeksi, ruotsiksi tai englanniksi. Näet jokaisen rivin ennen kuin mitään kirjataan.
field-file = Taulukko (XLSX tai CSV)
hint-file = Henkilön nimeävien sarakkeiden (nimi, henkilötunnus, osoite, puhelin, sähköposti) sisältöä ei lueta.
action-preview = Tarkista taulukko
import-preview = Mitä tuotaisiin
import-summary = { $accepted ->
    [one] { $accepted } rivi voidaan kirjata, { $refused } hylätään, { $duplicates } on jo tuotu.
   *[other] { $accepted } riviä voidaan kirjata, { $refused } hylätään, { $duplicates } on jo tuotu.
}
import-row-number = Rivi
import-accepted = hyväksytty
import-duplicate = jo tuotu
import-refused = hylätty
import-only-accepted = Vain hyväksytyt rivit kirjataan; korjaa hylätyt taulukkoon ja tuo se uudelleen.
import-rows-not-listed = { $count ->
    [one] { $count } rivi lisää ei näy tässä. Kaikki hylätyt rivit ovat yllä olevassa hylättyjen rivien taulukossa.
   *[other] { $count } riviä lisää ei näy tässä. Kaikki hylätyt rivit ovat yllä olevassa hylättyjen rivien taulukossa.
}
action-import = { $count ->
    [one] Kirjaa { $count } käynti
   *[other] Kirjaa { $count } käyntiä
}
import-recorded = { $count ->
    [one] { $count } käynti kirjattiin.
   *[other] { $count } käyntiä kirjattiin.
}
import-template-xlsx = Tyhjä täytettävä taulukko (XLSX)
import-template-csv = Tyhjä täytettävä taulukko (CSV)

## Issue 7: luovutuslomakkeet sisään, hylätyt rivit ulos
import-heading-card_code = Kortin koodi (numeroita ja/tai kirjaimia)
import-heading-adults = Aikuisten lippu
import-heading-children = Lasten lippu (alle { $age } v.)
import-heading-item_title = Esityksen nimi
import-heading-date = Päivämäärä
import-heading-grant_date = Myöntämispäivä
import-heading-birth_year = Syntymävuosi
import-heading-mother_tongue = Äidinkieli
import-heading-gender = Sukupuoli
import-heading-postal_code = Postinumero
import-heading-minor_children = Alaikäiset lapset
import-heading-life_situations = Elämäntilanne
import-col-grant_date = myöntämispäivä
import-col-birth_year = syntymävuosi
import-col-mother_tongue = äidinkieli
import-col-gender = sukupuoli
import-col-postal_code = postinumero
import-col-minor_children = alle 18-vuotiaiden lasten määrä
import-col-life_situations = elämäntilanne
error-import_missing_form_columns = Taulukosta puuttuvat sarakkeet: { $columns }. Käytä luovutuslomakkeen sarakkeita (kortin koodi, myöntämispäivä, syntymävuosi ja taustatiedot).
import-row-field = Rivi { $row }, { $field }:{" "}
import-unknown-category = kaiku ei tunne tätä arvoa. Kirjoita se kuten luovutuslomakkeessa, suomeksi, ruotsiksi tai englanniksi, tai jätä solu tyhjäksi, jos asiakas ei kertonut.
import-bad-grant-date = Rivi { $row }: myöntämispäivä ei ole päivämäärä vuodesta 2000 alkaen; kirjoita se muodossa 3.2.2020 tai 2020-02-03.
import-duplicate-form = Rivi { $row }: sama kortti samalla myöntämispäivällä on taulukossa jo.
import-grant-before-current = Kortilla on kaikussa jo myöhempi myöntäminen; vanhempaa lomaketta ei voi lisätä sen edelle.
import-reason = Syy
import-refused-rows = Hylätyt rivit
import-failed-columns = tarkista sarakkeet
import-refused-download = Hylätyt rivit syineen korjattavaksi ja tuotavaksi uudelleen:
import-refused-xlsx = Hylätyt rivit (XLSX)
import-refused-csv = Hylätyt rivit (CSV)
issuance-import-title = Tuo luovutuslomakkeita taulukosta
issuance-import-intro = Paperilla tai Excelissä olevat luovutuslomakkeet tuodaan tässä: rivi lomaketta kohden, sarakkeina kortin koodi, myöntämispäivä, syntymävuosi, äidinkieli, sukupuoli, postinumero, alle 18-vuotiaiden lasten määrä ja elämäntilanteet (useampi pilkuin eroteltuna), suomeksi, ruotsiksi tai englanniksi. Tyhjä solu tarkoittaa, ettei asiakas halunnut kertoa. Näet jokaisen rivin ennen kuin mitään kirjataan.
field-confirmed-16-all = Myöntäjät tarkistivat, että jokainen näiden lomakkeiden asiakas oli vähintään 16-vuotias kortin saadessaan
hint-confirmed-16-all = Tarvitaan vain asiakkaille, jotka ovat syntymävuotensa perusteella myöntöpäivänä 15- tai 16-vuotiaita; ilman vahvistusta nämä rivit hylätään.
issuance-action-import = { $count ->
    [one] Kirjaa { $count } lomake
   *[other] Kirjaa { $count } lomaketta
}
issuance-import-recorded = { $count ->
    [one] { $count } luovutuslomake kirjattiin.
   *[other] { $count } luovutuslomaketta kirjattiin.
}
nav-issuance-import = Tuo luovutuslomakkeita
error-period_submitted = tämä käynti on jaksolta { $from }–{ $to } lähetetyssä raportissa. Peru se korjauksena: kirjoita syy, niin alueen koordinaattori näkee, että raporttiin on tulossa korjaus.
error-cancel_day_over = tapahtuma oli { $date }, ja sen päivä on ohi. Peru se korjauksena: kirjoita syy.
error-correction_by_person = korjauksen tekee ihminen lipunmyyntinäkymässä tai omilla tunnuksillaan, ei integraatioavaimella.
correction-title = Korjaa mennyt päivä tai lähetetty raportti
correction-intro = Käynti päivältä, joka on ohi, tai jaksolta, jonka raportti on lähetetty, perutaan vain korjauksena, jolla on syy. Syy säilytetään lippujen yhteydessä; älä kirjoita nimiä tai henkilötunnuksia.
field-correction = Korjauksen syy
action-correct-cancel = Peru koko käynti korjauksena
report-pending-correction = Jakson käynnit ovat muuttuneet raportin lähettämisen jälkeen: korjaus odottaa. Lähetä raportti uudelleen, niin alueen koordinaattori saa korjatun version.
correction-record-hint = Vain jos jakson raportti on jo lähetetty: miksi käynti kirjataan nyt. Ei nimiä eikä henkilötunnuksia.
error-period_submitted_record = jakson { $from }–{ $to } raportti on jo lähetetty. Kirjaa käynti korjauksena: kirjoita syy, niin alueen koordinaattori näkee, että raporttiin on tulossa korjaus.
import-period-submitted = sen päivän jakson raportti on jo lähetetty. Kirjaa käynti jälkikirjausnäkymässä korjauksena ja kirjoita syy.
error-report_period_ahead = raportti kattaa sen, mitä on jo tapahtunut: jakso päättyy viimeistään { $date }.
field-device = Laite
field-uses = Käynnit
error-offline_device = anna laitteelle nimi, jossa on 1–64 näkyvää merkkiä.
error-offline_batch_size = { $max ->
    [one] lähetä kerralla { $max } käynti.
   *[other] lähetä kerralla 1–{ $max } käyntiä.
}
error-offline_use_id = käynti { $use }: tunnisteessa on 8–64 kirjainta, numeroa, - tai _.
error-offline_use_id_twice = käynti { $use }: sama tunniste kahdesti samassa erässä.
error-offline_use_item = käynti { $use }: tällä kohteella ei ole sellaista tapahtumaa tai kurssia.
error-offline_use_code = käynti { $use }: kortin koodia ei voi lukea.
error-offline_use_members = käynti { $use }: ryhmäläisen kortin koodia ei voi lukea, tai ryhmäläisiä on liikaa.
error-offline_use_count = käynti { $use }: aikuiset ja lapset ovat lukuja 0–40.
error-offline_use_time = käynti { $use }: aika ei ole päivämäärä ja kellonaika (RFC 3339).
error-offline_settled = Tämä käynti on jo ratkaistu. Lataa sivu uudelleen nähdäksesi miten.
offline-correction = Kirjattu ilman verkkoyhteyttä, lähetetty raportin jättämisen jälkeen
offline-title = Tarkistettavat verkotta kirjatut käynnit
offline-intro = Käynnit, jotka lipunmyynti kirjasi ilman verkkoyhteyttä. Ylärajan ylittävä käynti lasketaan ja näkyy tässä; käynti, jota rekisteri ei voinut hyväksyä, odottaa että pidät tai perut sen.
offline-none = Ei ylärajan ylittäviä eikä tarkistusta odottavia verkotta kirjattuja käyntejä.
offline-happened = Tapahtui
offline-received = Lähetetty
offline-outcome = Tulos
offline-outcome-over_cap = Yli ylärajan (laskettu)
offline-outcome-disputed = Tarkistettava
offline-settlement-kept = Pidetty
offline-settlement-cancelled = Peruttu
offline-page-newer = Edellinen sivu
offline-page-older = Seuraava sivu
offline-keep = Pidä
offline-cancel = Peru käynti
offline-link = Tarkistettavat verkotta kirjatut käynnit
offline-state-online = Verkkoyhteys toimii. Tilannekuva verkotonta käyttöä varten klo { $time }.
offline-state-offline = Ei verkkoyhteyttä klo { $since } alkaen. Tarkistetaan klo { $time } tilannekuvaa vasten.
offline-state-manual = Työskennellään ilman verkkoa (käsin valittu) klo { $since } alkaen. Tarkistetaan klo { $time } tilannekuvaa vasten.
offline-state-nosnapshot = Laitteella ei ole vielä tilannekuvaa: avaa lipunmyynti kerran verkkoyhteyden ollessa päällä.
offline-waiting = { $count ->
    [one] Yksi käynti odottaa lähetystä.
   *[other] { $count } käyntiä odottaa lähetystä.
}
offline-go-offline = Työskentele ilman verkkoa
offline-go-online = Takaisin verkkoon
offline-send = Lähetä nyt
offline-ok = Voimassa tilannekuvan mukaan. Paina Enter tai "Kirjaa" kirjataksesi käynnin tälle laitteelle.
offline-recorded = Kirjattu tälle laitteelle. Käynti lähtee itsestään, kun verkkoyhteys palaa.
offline-warn-unknown = Koodia ei ole tilannekuvassa: kortti voi olla uusi, mitätöity tai koodi väärin kirjoitettu. Kirjaa vain, jos olet varma; rekisteri tarkistaa sen, kun yhteys palaa.
offline-warn-check = Tarkistusmerkki ei täsmää: koodi on luultavasti kirjoitettu väärin.
offline-warn-expired = Tilannekuvan mukaan kortti oli voimassa { $date } asti.
offline-warn-cap = Yläraja on täynnä tämän laitteen laskujen mukaan.
offline-warn-children = { $max ->
    [one] Kortilla voi olla mukana enintään { $max } lapsi.
   *[other] Kortilla voi olla mukana enintään { $max } lasta.
}
offline-warn-twice = Tällä kortilla on jo lippu tähän tapahtumaan tällä laitteella.
offline-warn-closed = Tapahtuma on loppuunmyyty tai ei ole Kaikukortin käytössä.
offline-record = Kirjaa tälle laitteelle
offline-record-anyway = Kirjaa silti
offline-sent = Lähetetty: { $recorded } kirjattu, { $over } yli ylärajan, { $disputed } tarkistettavana.
offline-pending-title = Odottaa lähetystä
paper-form-usage-title = Kaikukortin käyttöraportti
paper-form-usage-venue = Kulttuuritoimija: ______________________________   Ajanjakso: ____________________
paper-form-usage-hint = Kirjaa jokaisesta käynnistä kortin koodi ja liput. Syötä lomake rekisteriin myöhemmin (käyttöjen tuonti) tai anna se sille, joka sen tekee.
paper-form-totals = Yhteensä
paper-form-issuance-title = Kaikukortin luovutuslomake
paper-form-issuance-point = Jakopiste: ______________________________   Luovuttaja: ____________________
paper-form-issuance-hint = Kortinhaltijan nimeä ei kirjoiteta lomakkeelle, vain kortin sisäpuolelle. Syntymävuosi, äidinkieli, sukupuoli, postinumero ja elämäntilanne kysytään kortinhaltijalta; vastaaminen on vapaaehtoista.
paper-form-usage-link = Paperilomake lipunmyyntiin (PDF)
paper-form-usage-link-xlsx = (Excel)
paper-form-issuance-link = Paperinen luovutuslomake (PDF)
import-template-pdf = Tyhjä paperilomake tulostettavaksi (PDF)
box-office-member-refused = Näytetty kortti { $code } kävisi, mutta ryhmän jäsenen kortti ei. Mitään ei kirjattu: poista jäsen ryhmästä tai korjaa koodi ja tarkista uudelleen.
error-offline_id_reused = Tällä tunnisteella on jo otettu vastaan toinen käynti; tätä ei kirjattu. Tarkista laitteen käynnit.
report-offline = kirjattu ilman verkkoa
stats-offline-tickets = Niistä kirjattu ilman verkkoyhteyttä (aikuiset + lapset)
error-offline_clock = Laitteen kello oli yli vuorokauden edellä tai käynti on yli 30 päivää vanha: tarkista käynnin aika.
error-offline_use_identity_code = käynti { $use }: kentässä on henkilötunnus. Henkilötunnusta ei tallenneta koskaan; poista käynti laitteelta ja kirjaa kortin koodi.
error-offline_identity_code = laitteen nimessä on henkilötunnus. Anna laitteelle nimi, jossa ei ole henkilötietoja.
error-offline_cannot_keep = Käyntiä ei voi pitää: siinä ei ole yhtään lippua, korttia ei ole rekisterissä tai kortilla on jo lippu tähän tapahtumaan. Peru käynti.
error-offline_not_disputed = Tämä käynti ei odota ratkaisua: se on jo laskettu.
offline-identity = Kentässä on henkilötunnus. Sitä ei kirjata koskaan: kirjoita kortin koodi.
offline-bad-count = Aikuisia ja lapsia voi olla 0–40.
error-statistics_year_not_over = Vuosi { $year } ei ole vielä päättynyt. Vuoden tilastot lähetetään, kun vuosi on ohi.
