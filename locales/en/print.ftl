# Printing card stock (R-CARD-10) and the holder's own page (R-HOLD-1, R-HOLD-2).

print-card-line = Kaikukortti – free culture card
print-key-heading = Your key
print-key-help = Fold this part behind the card. With this key and the card's code you can see your card at { $address }
print-title = Print cards
print-intro = The cards are printed at their real size on A4 sheets with cut marks, each with its code, a QR code and a barcode. At most { $max } { $max ->
        [one] card
       *[other] cards
    } at a time. With holder keys each card gets a fold with a key of its own, for the holder's own page; the keys are kept only in a form nobody can read back, and are shown only in this file.
print-replace-warning = { $count ->
    [one] One card in this range already has a holder key. If you print it again, it gets a new key and the old one stops working.
   *[other] { $count } cards in this range already have a holder key. If you print them again, they get new keys and the old ones stop working.
} Confirm below to go on.
field-holder_keys = Print a holder key on each card
hint-holder_keys = With the key and the card's code the holder sees their card on the page "Your own card". The key is shown only in this print.
field-confirm_replace = I understand that the earlier keys stop working
action-print-start = Start printing
action-print-cards = Print cards
print-section-title = Printing
print-section-intro = Print a range of this series as a PDF for the printing house or your own printer.
print-status = Status
print-status-running = Printing…
print-status-done = Ready
print-status-failed = Failed
print-status-interrupted = Interrupted
print-job-title = Printing cards
print-progress = Cards done (of { $total })
print-running-help = You can close this page: the printing goes on, and you find it again on the series' page.
action-refresh = Update
print-replaced = { $count ->
    [one] One card got a new holder key; its earlier key no longer works.
   *[other] { $count } cards got new holder keys; their earlier keys no longer work.
}
print-status-replaced = Replaced
print-replaced-later = These cards were printed with new keys since, so the keys in this file no longer work. It is not given out.
error-print_replaced = These cards were printed with new keys since, so the keys in this file no longer work. Use the later print.
action-download-pdf = Download the PDF
print-keys-once = The file has holder keys, so it can be downloaded only once. Save it before you leave the page.
print-keys-gone = The file has been downloaded. It had holder keys, so it is not kept.
print-again-help = Print the range again.
action-back-to-series = Back to the series
error-print_range = the numbers must be within the series ({ $first }–{ $last }), the first not after the last.
error-print_too_many = { $max ->
    [one] one print holds at most { $max } card; print a larger range in parts.
   *[other] one print holds at most { $max } cards; print a larger range in parts.
}
error-print_not_ready = The cards are still being printed. Wait a moment and try again.
error-print_keys_gone = This file had holder keys and has been downloaded already, so it is not kept. Print the range again: the cards get new keys.
error-print_number = type the number of a card in the series, for example 1001.

holder-path = /my-card
holder-title = Your own card
holder-intro = Type your card's code and your key. You see whether your card is valid, where you have used it, and what is stored about it.
field-holder_code = Card code
hint-holder_code = The letters and numbers on your card, for example E1234.
field-holder_key = Your key
hint-holder_key = 8 letters and numbers under the fold of your card.
action-holder-open = Show my card
holder-no-key-title = No key on your card?
holder-no-key = This page is only for cards printed with a key. Ask the place where you got your card: they can tell you what is stored about it.
holder-valid-until = Your card is valid until { $date }.
holder-not-valid-expired = Your card is no longer valid. You can renew it where you got it.
holder-not-valid-void = This card is no longer in use. Ask for a new card where you got it.
holder-not-valid-in_stock = This card has not been given out yet.
holder-not-valid-issued = Your card cannot be used right now. Ask where you got it.
holder-uses-title = Where you have used your card
holder-uses-empty = You have not used your card yet.
holder-tickets = { $count ->
    [one] 1 ticket
   *[other] { $count } tickets
}
holder-cancelled = cancelled
holder-catalogue-title = Where your card works in { $area }
holder-catalogue-intro = At these places you get free tickets with your card. Ask the venue how to get your tickets. Your own children and grandchildren get a ticket when they come with you (not to courses).
holder-stored-title = What is stored about your card
holder-stored-intro = This is everything the register keeps about your card. Your name, address or identity number are never stored.
action-holder-close = Close my card
error-holder_no_match = The code and the key do not match a card with its own page. Check both and try again. After 5 wrong tries the code is locked for an hour.
error-holder_locked = { $minutes ->
    [one] Too many wrong tries. Try again in { $minutes } minute.
   *[other] Too many wrong tries. Try again in { $minutes } minutes.
}
card-holder-page = Holder's own page
card-holder-page-yes = Yes: printed with a holder key on { $date }.
card-holder-page-no = No: the card was printed without a holder key. The holder can ask here what is stored about the card.

footer-nav = About the service
footer-accessibility = Accessibility statement
footer-privacy = Privacy statement
footer-holder = Your own card

brochure-rules-title = How the card works
brochure-rule-personal = The card is yours alone. Show it when you collect your ticket, or tell its code when you book.
brochure-rule-children = Your children and grandchildren who come with you get free tickets too, as many as your card says.
brochure-rule-assistant = If you have a disability, your assistant, interpreter or companion gets in free. They need a ticket of their own.
brochure-rule-ask = Each event has at most a set number of tickets with Kaikukortti, booked in time like other tickets. Ask the venue how to get your tickets.
brochure-rule-valid = The card is valid for 12 months. You can renew it where you got it.
brochure-venues-title = Venues
brochure-offering-title = Coming events and courses
brochure-col-when = When
brochure-col-what = Event or course
brochure-col-venue = Venue
brochure-col-terms = With Kaikukortti
