# Each role's first page (R-REP-7).

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
glance-point-title = Distribution point: { $point }
glance-in-stock = Cards in stock
glance-low-stock = Stock is running low – ask the coordinator for more cards.
glance-low = Running low
glance-expiring = { $days ->
    [one] Validity ends within { $days } day
   *[other] Validity ends within { $days } days
}
glance-granted-by-month = Cards issued and renewed by month
glance-month = Month
glance-cards = Cards
glance-tickets = Tickets
glance-count = Number
glance-issue = Issue a card
glance-venue-title = Venue: { $venue }
glance-no-items-today = No events today.
glance-today = Today
glance-time = Time
glance-item = Event or course
glance-tickets-left = Kaikukortti tickets left
glance-report-submitted = The report for { $month } is submitted.
glance-report-missing = The report for { $month } is not submitted yet.
glance-open-report = Open the report
glance-box-office = To the box office
glance-area-title = Area: { $area }
glance-reports-title = Venues' reports: { $month }
glance-all-submitted = Every venue has submitted its report.
glance-not-submitted = { $count ->
    [one] { $count } of { $venues } venues has not submitted the report for { $month }:
   *[other] { $count } of { $venues } venues have not submitted the report for { $month }:
}
glance-open-reports = Open the reports' status
glance-stock-title = Card stock by distribution point
glance-granted-30 = Issued or renewed, last 30 days
glance-this-month-title = This month and the same days a year before
glance-cards-now = Cards now
glance-cards-before = Cards a year ago
glance-tickets-now = Tickets now
glance-tickets-before = Tickets a year ago
glance-open-statistics = Open the area's statistics
glance-national-title = The whole country
glance-submitted-title = The areas' statistics for { $year }
glance-submitted = submitted
glance-not-yet = not submitted yet
glance-open-national = Open the national statistics
glance-trend-title = Tickets by month over two years (from the statistics the areas submitted)
glance-chart-desc = The same numbers are in the table below the chart.
cards-all-link = All the point's cards
stock-first = First code
stock-last = Last code
stock-count = Cards
stock-none-at-point = The distribution point has no cards left to give out. Ask the area coordinator for more.
