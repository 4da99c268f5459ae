# Varje rolls första sida (R-REP-7).

month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
glance-point-title = Utdelningsställe: { $point }
glance-in-stock = Kort i lager
glance-low-stock = Lagret börjar ta slut – be samordnaren om fler kort.
glance-low = Tar slut
glance-expiring = { $days ->
    [one] Giltigheten upphör inom { $days } dag
   *[other] Giltigheten upphör inom { $days } dagar
}
glance-granted-by-month = Utdelade och förnyade kort per månad
glance-month = Månad
glance-cards = Kort
glance-tickets = Biljetter
glance-count = Antal
glance-issue = Dela ut ett kort
glance-venue-title = Kulturaktör: { $venue }
glance-no-items-today = Inga evenemang i dag.
glance-today = I dag
glance-time = Kl.
glance-item = Evenemang eller kurs
glance-tickets-left = Kaikukortti-biljetter kvar
glance-report-submitted = Rapporten för { $month } är inlämnad.
glance-report-missing = Rapporten för { $month } är inte inlämnad ännu.
glance-open-report = Öppna rapporten
glance-box-office = Till biljettförsäljningen
glance-area-title = Område: { $area }
glance-reports-title = Kulturaktörernas rapporter: { $month }
glance-all-submitted = Alla kulturaktörer har lämnat in sina rapporter.
glance-not-submitted = { $venues ->
    [one] { $count } av { $venues } kulturaktör har inte lämnat in rapporten för { $month }:
   *[other] { $count } av { $venues } kulturaktörer har inte lämnat in rapporten för { $month }:
}
glance-open-reports = Öppna rapportläget
glance-stock-title = Kortlager per utdelningsställe
glance-granted-30 = Utdelade eller förnyade, 30 dagar
glance-this-month-title = Den här månaden och samma tid ett år tidigare
glance-cards-now = Kort nu
glance-cards-before = Kort för ett år sedan
glance-tickets-now = Biljetter nu
glance-tickets-before = Biljetter för ett år sedan
glance-open-statistics = Öppna områdets statistik
glance-national-title = Hela landet
glance-submitted-title = Områdenas statistik för { $year }
glance-submitted = inlämnad
glance-not-yet = inte inlämnad ännu
glance-open-national = Öppna statistiken för hela landet
glance-trend-title = Biljetter per månad under två år (statistik som områdena lämnat in)
glance-chart-desc = Samma tal finns i tabellen under diagrammet.
cards-all-link = Alla kort vid utdelningsstället
stock-first = Första koden
stock-last = Sista koden
stock-count = Kort
stock-none-at-point = Utdelningsstället har inga kort kvar att dela ut. Be områdets samordnare om fler.
