app-subtitle = register
skip-to-content = Skip to content
footer-text = Kaikukortti – a free culture card. The card holder's name and identity code are never stored in the register.
required = required
yes = Yes
no = No
choose-none = – choose –

nav-languages = Language
nav-main = Main menu
nav-home = Home
nav-areas = Areas
nav-accounts = User accounts
nav-audit = Audit log
nav-own-account = My account

home-title = Kaikukortti register
home-intro = The Kaikukortti register records the cards handed out and the free tickets received with them. Log in with your work account.
home-roles = Your roles
home-no-roles = Your account has no roles yet. Ask your area coordinator to add them.

login-title = Log in
login-help = If you have forgotten your password, contact the Kaikukortti coordinator of your area.

role-national_admin = National administrator
role-area_coordinator = Area coordinator
role-issuer = Card issuer
role-venue_staff = Venue staff
role-whole-country = Whole country

lang-fi = Finnish
lang-sv = Swedish
lang-en = English

point-type-municipal_social_services = Municipal social services
point-type-health_centre = Health centre
point-type-parish = Parish
point-type-ngo = Non-governmental organisation
point-type-other = Other

sector-theatre = Theatre
sector-music = Music
sector-dance = Dance
sector-museum = Museum
sector-visual_arts = Visual arts
sector-cinema = Cinema
sector-festival = Festival
sector-library = Library
sector-adult_education = Adult education
sector-science_centre = Science centre
sector-circus = Circus
sector-sports = Sports
sector-swimming_hall = Swimming hall
sector-other = Other

channel-box_office = Box office
channel-ticket_agency = Ticket agency
channel-phone = Phone
channel-other = Other

field-name = Name
hint-name_sv = If the area has a Swedish name (such as Österbotten), the Swedish catalogue and brochure use it.
field-name_sv = Name in Swedish
field-trial_ends = Trial ends
field-local_only = Only the area's own cards and venues
field-municipality_codes = Municipalities
field-brochure_languages = Brochure languages
field-type = Type
field-active = In use
field-sector = Sector
field-address = Address
field-website = Website
field-accessibility = Accessibility in Finnish
field-sales_channels = Sales channels
field-restrictions = Restrictions in Finnish
hint-restrictions_en = The English catalogue and brochure show this. If it is empty, the reader sees the Finnish text.
hint-restrictions_sv = The Swedish catalogue and brochure show this. If it is empty, the reader sees the Finnish text.
hint-accessibility_en = The English catalogue and brochure show this. If it is empty, the reader sees the Finnish text.
hint-accessibility_sv = The Swedish catalogue and brochure show this. If it is empty, the reader sees the Finnish text.
field-restrictions_en = Restrictions in English
field-restrictions_sv = Restrictions in Swedish
field-accessibility_en = Accessibility in English
field-accessibility_sv = Accessibility in Swedish
field-free_cloakroom = Free cloakroom
field-contact_name = Contact person
field-contact_phone = Contact person's phone
field-contact_email = Contact person's e-mail
field-username = Username
field-national = National account
field-password = Password
field-role = Role
field-area = Area
field-distribution_point = Distribution point
field-venue = Venue
field-current_password = Current password
field-new_password = New password
field-new_password_again = New password again
field-token_name = Token name

hint-trial_ends = If the area runs a trial, cards are valid at most until this date. Leave empty if there is no trial.
hint-local_only = The area's cards work only at the area's own venues, and its venues accept only the area's cards.
hint-municipality_codes = The names of the area's municipalities separated by commas, for example Joensuu, Liperi. Swedish names and municipality codes work too.
hint-restrictions = Shown publicly, for example touring productions that Kaikukortti does not cover.
hint-accessibility = For example step-free entrance, induction loop, wheelchair places.
hint-username = 3–64 characters: lower-case letters a–z, digits and the characters . _ - @
hint-national = For an account that needs roles in several areas (a ticket agency, for example). National administrators manage it; an area's account is managed by the area's coordinators.
hint-password = At least 10 characters. Tell the password to the person safely; they can change it themselves.
hint-new_password = At least 10 characters.
hint-area = For an area coordinator.
hint-distribution_point = For a card issuer.
hint-venue = For venue staff.
hint-token_name = For example the name of the ticketing system.

action-login = Log in
action-logout = Log out
action-home = Go to the home page
action-save = Save
action-cancel = Cancel
action-new-area = New area
action-create-area = Create area
action-edit-area = Edit area
action-new-point = New distribution point
action-create-point = Create distribution point
action-new-venue = New venue
action-create-venue = Create venue
action-back-to-area = Back to the area
action-back-to-venue = Back to the venue
action-create-token = Create token
action-revoke = Revoke
action-revoke-named = Revoke token { $name }
action-new-account = New user account
action-create-account = Create user account
action-add-role = Add role
action-remove-role = Remove role
action-reset-password = Set a new password
action-deactivate = Close account
action-activate = Reopen account
action-back-to-accounts = Back to user accounts
action-change-password = Change password

notice-saved = Saved.
notice-password-changed = Your password has been changed. Your other sessions have been logged out.
notice-password-change-required = Your password was set by someone else. Choose a new password that only you know to continue.

areas-title = Areas
areas-empty = There are no areas yet.
area-title = Area
area-new-title = New area
area-edit-title = Edit area
area-no-trial = No trial
area-local-only-yes = Yes: cards work only at the area's own venues
area-staff-title = Staff of the area

points-title = Distribution points
points-empty = The area has no distribution points yet.
point-title = Distribution point
point-new-title = New distribution point

venues-title = Venues
venues-empty = The area has no venues yet.
venue-title = Venue
venue-new-title = New venue
venue-assistant-note = Entry for an assistant, interpreter or companion is always free; the brochure shows it for every venue.

tokens-title = API tokens
tokens-intro = With an API token a ticketing system can check cards and record tickets for { $venue }, nothing else.
token-new-title = New token
token-created-title = The token has been created
token-created-once = Copy the token now. It is shown only this once; the register keeps only its hash.
tokens-list-title = Tokens
tokens-empty = There are no tokens.
token-created = Created
token-maker = Made by
token-last-used = Last used
token-never-used = never
account-tokens-title = Venue tokens this account made
account-tokens-intro = These tokens keep working after the account is switched off. Revoke each one that should stop, on its venue's token page.
token-state = State
token-actions = Actions
token-active = In use
token-revoked = Revoked

accounts-title = User accounts
accounts-empty = There are no user accounts.
account-new-title = New user account
account-new-intro = Create an account for one member of staff and choose their role. Choose a distribution point for a card issuer, a venue for venue staff and an area for a coordinator.
account-add-role-title = Add a role to an existing account
account-add-role-intro = One account can hold several roles, for example a ticket agency one for every venue it sells tickets for.
account-title = User account
account-inactive = Closed
account-roles-title = Roles
account-role-place = Where
account-add-grant-title = Add a role
account-failures-title = Failed logins
account-failures-intro = { $count ->
    [one] Someone tried to log in as this account with a wrong password once in the last 15 minutes.
   *[other] Someone tried to log in as this account with a wrong password { $count } times in the last 15 minutes.
}
account-failures-delay = Each login of this account now waits { $seconds } s.
account-failures-address = Address
account-failures-count = Failures
account-failures-locked = Locked out
account-failures-unlock-hint = An address is locked out for 15 minutes after five failures; other addresses are not. If the owner of the account is the one locked out, make sure it is them (call them) and lift the locks.
action-unlock = Lift the locks
account-reset-title = Forgotten password
account-reset-intro = Set a new password and tell it to the person safely. All their sessions end.
account-active-title = Account status

own-account-title = My account
own-password-title = Change password

audit-title = Audit log
audit-intro = Every change is recorded here for good: who, when, what and which record.
audit-empty = The log has no events.
audit-at = Time
audit-actor = By
audit-action = Action
audit-record = Record
audit-detail = Detail
audit-older = Older events

error-page-title = Error
error-status = Error code { $status }
error-summary-title = Please correct the following
error-required = this is missing.
error-too_long = { $max ->
    [one] the text is too long (at most { $max } character).
   *[other] the text is too long (at most { $max } characters).
}
error-control_character = the text contains a character that cannot be stored. Type the text again.
error-identity_code = the text contains a personal identity code. Identity codes are never stored in the register – remove it.
error-not_a_date = the date is not valid. Give it as day.month.year, for example 3.2.2026.
error-invalid_choice = choose one of the options in the list.
error-invalid_url = the web address must start with https:// or http://.
error-invalid_email = the e-mail address is not valid.
error-invalid_phone = the phone number is not valid. Use digits and, if needed, a + sign.
error-invalid_municipality = No such municipality. Write its name in Finnish or Swedish (for example Joensuu or Borgå) and separate the municipalities with commas.
error-invalid_username = use 3–64 characters: lower-case letters a–z, digits and the characters . _ - @
error-password_too_short = { $min ->
    [one] the password must have at least { $min } character.
   *[other] the password must have at least { $min } characters.
}
error-password_too_long = { $max ->
    [one] the password may have at most { $max } character.
   *[other] the password may have at most { $max } characters.
}
error-passwords_differ = the passwords differ. Type the same new password in both fields.
error-password_weak = the password is too easy to guess. Choose a longer phrase that is in no dictionary or list of common passwords, for example four unrelated words.
error-password_has_name = the password must not contain the username. Choose one without your name.
error-place_inactive = The venue or distribution point where you work is marked inactive in kaiku, so you cannot work there. If it is active again, ask your area's coordinator to mark it active.
error-out_of_range = the value must be from { $min } to { $max }. Enter a value in that range.
error-password_unchanged = Choose a password different from the current one.
error-invalid_input = The input has an error.
error-not_logged_in = You are not logged in. Log in and try again.
error-forbidden = You are not allowed to do this. If you need to, ask your area coordinator for the right.
error-password_change_required = First change the password someone else set for you: choose your own under My account. Then you can go on.
error-cannot_grant_own_account = You cannot give roles to your own account. Ask another coordinator of the area or a national administrator.
error-statistics_whole_years_only = Outside the area, statistics are shown for whole calendar years only. Choose a year.
error-statistics_not_submitted = The area has not submitted its statistics for this year yet. The figures appear here once the area's coordinator submits them.
error-statistics_live_inside_area_only = Figures computed now from the register are for the area's own coordinator. Nationally, the figures the areas submitted are shown.
error-item_has_tickets = The event already has Kaikukortti tickets, so it cannot be deleted. Mark it sold out or close it to the card instead.
error-grant_outside_home = An area's account can hold roles only inside its own area. If the person needs roles in several areas (a ticket agency, for example), ask a national administrator for a national account.
error-account_keys_at_home = This account belongs to an area: its password, switching it back on and its roles are handled by the area's coordinator. A national administrator can only switch it off. Ask the area's coordinator to make the change.
error-national_admin_reads_no_cards = An account with the national administrator role cannot also hold a role at a distribution point or a box office: those show card codes, which the national support service does not see. Make a separate account for that role.
account-keys-at-home-note = This account belongs to an area: its password and roles are handled by the area's coordinator. You can switch it off if it is misused.
error-not_found = The page or record was not found. Check the address.
error-bad_credentials = The username or password is wrong. Check them and try again.
error-too_many_attempts = { $minutes ->
    [one] Too many failed attempts. Try again in { $minutes } minute.
   *[other] Too many failed attempts. Try again in { $minutes } minutes.
}
error-csrf_token_invalid = The form has expired. Reload the page and send the form again.
error-unsupported_media_type = The request's format is not accepted. Send the data as JSON (Content-Type: application/json).
error-payload_too_large = What was sent is too large. Send a smaller file or less data at a time.
error-malformed_body = The request's content is not valid data for this call.
error-malformed_field = The field { $field } has a value of the wrong type, or the field is unknown.
error-unavailable = The database is not answering right now. Try again in a moment.
error-internal_error = Something went wrong in the system. Nothing was saved. Try again; if it happens again, contact support.
error-already_exists = A record like this exists already.
error-area_name_taken = An area with this name exists already. Choose another name.
error-point_name_taken = The area already has a distribution point with this name. Choose another name.
error-venue_name_taken = The area already has a venue with this name. Choose another name.
error-username_taken = The username is taken. Choose another, or add the role to the existing account.
error-grant_exists = The account has this role already.
error-cannot_remove_own_admin = You cannot remove your own administrator role. Ask another administrator to do it.
error-use_own_password_form = Change your own password on the My account page.
error-cannot_deactivate_self = You cannot close your own account.
error-current_password_wrong = The current password is wrong. The password was not changed.
error-method_not_allowed = This action cannot be done at this address.
error-timeout = The request took too long. Try again.

# ---------- cards (issue 3) ----------
nav-cards = Cards
nav-check = Check a card
action-search = Search
action-print = Print
cards-search-label = Card code
cards-stock-title = Card stock
cards-recent-title = Cards
cards-empty = No cards found.
cards-point-title = Cards
series-list-title = Printed series
series-empty = No series registered yet.
series-codes = Codes
series-title = Series
series-new-title = Register a printed series
series-new-intro = Enter the codes printed on the cards: a prefix and a number range (E + 1…5000 gives E1…E5000; with width 4, E0001…E5000). Every card of the series goes into the area's stock.
series-unallocated = Not allocated
action-new-series = Register a series
action-create-series = Register series
action-back-to-stock = Back to card stock
allocations-title = Allocated to distribution points
allocations-empty = Nothing allocated yet: every distribution point of the area may issue from this series.
allocate-title = Allocate cards to a distribution point
allocate-intro = Numbers of this series: { $range }.
action-allocate = Allocate
by-point-title = Cards by distribution point
count-in_stock = In stock
count-issued = Valid
count-expired = Expired
count-void = Void
check-none = No check character
check-luhn = Luhn (digits only)
check-mod37 = ISO 7064 MOD 37,36
field-prefix = Prefix
field-first = First number
field-last = Last number
field-width = Width
field-check = Check character
hint-prefix = Letters or digits before the number, e.g. E. Leave empty for plain numbers.
hint-width = Pad numbers with zeros to this many digits (4 gives E0001). Leave empty if the cards have no leading zeros.
hint-check = If the printed codes end in a check character, choose how it is computed.
field-code = Card code
hint-code = As printed on the card; spaces and dashes do not matter.
field-kind = Card kind
card-kind = Kind
card-kind-personal = Personal card
card-kind-community = Community card
card-status = State
card-status-in_stock = In stock (not issued)
card-status-issued = Valid
card-status-expired = Expired
card-status-void = Void
card-valid-from = Valid from
card-valid-until = Valid until
card-organisation = Organisation
card-title = Card
card-issue-title = Issue a personal card
card-issue-community-title = Issue a community card
card-renew-title = Renew card
card-issue-intro = The transfer form. The holder's name is written only on the card, never here. Ask only what the client wants to tell; "not stated" is always an answer.
card-issue-community-intro = A community card belongs to your organisation; the organisation's name is written on the card, no person's name. When an employee organises a small-group visit for their clients, or goes with one client, the card gives a free ticket for the employee and for clients under 16. Volunteers and students of the organisation may use it too. Every client aged 16 or over has a Kaikukortti of their own. A community card gives no course places.
card-valid-until-preview = The card will be valid until
card-valid-until-preview-end = .
card-trial-note = The area is in a trial: cards are valid at most until the trial ends.
action-issue = Issue card
action-issue-personal = Issue a personal card
action-issue-community = Issue a community card
action-issue-next = Issue the next card
action-renew = Renew card
field-grant_date = Grant date
hint-grant_date = Today, or the date on a paper form entered later. Never a future date.
field-birth_year = Birth year
hint-birth_year = Year only, four digits (never the date of birth).
field-confirmed_at_least_16 = The client is at least 16 years old
field-mother_tongue = Mother tongue
field-gender = Gender
field-postal_code_kind = Home postal code
field-postal_code = Postal code
hint-postal_code = Five digits, when the client has a postal code.
field-minor_children = Children and grandchildren under 18
hint-minor_children = Own and same-household children and grandchildren under 18 (0–20). Printed on the card: it bounds the child tickets.
field-life_situations = Life situation
hint-life_situations = Tick every one that applies. Nothing ticked means "not stated".
gender-woman = Woman
gender-man = Man
gender-other = Other
gender-not_stated = Not stated
postal-kind-code = Postal code (below)
postal-kind-no_permanent_address = No permanent address
postal-kind-not_stated = Not stated
card-issued-title = The card has been issued
card-renewed-title = The card has been renewed
card-write-on-card = Write on the card:
card-tell-client = Tell the client that the card is valid until { $date } and that it is personal: only its holder may use it.
card-voided-notice = The card is void. It can no longer be used.
card-history-title = History
card-history-empty = Nothing has happened to this card yet.
card-event-issued = Issued
card-event-renewed = Renewed
card-event-voided = Voided
card-void-title = Void the card
field-reason = Reason
field-note = Note
hint-note = Required when the reason is "Other". Never a name or an identity code.
void-reason-lost = Lost
void-reason-destroyed = Destroyed
void-reason-returned = Returned
void-reason-other = Other
action-void = Void card
subject-access-title = Everything stored under this code
subject-access-intro = For a card holder who asks what is stored about their card (data protection). The register holds no name, identity code, birth date or address.
subject-access-printed = Printed { $time }.
check-title = Check a card
action-check = Check
check-valid = valid
check-not-valid = not valid
check-privacy = The check shows only whether the card is valid; nothing about its holder.
error-card_unknown = There is no card with this code. Check the code on the card.
error-card_lookups_paused = { $minutes ->
    [one] Too many codes that are not in the register were checked from this account within an hour, so checking cards is paused for { $minutes } minute. Check the code on the card carefully. If this keeps happening, ask your area coordinator.
   *[other] Too many codes that are not in the register were checked from this account within an hour, so checking cards is paused for { $minutes } minutes. Check the code on the card carefully. If this keeps happening, ask your area coordinator.
}
error-card_check_character = The code has a typing error: its last character does not match. Check the code on the card.
error-card_other_area = The card belongs to another Kaikukortti area. Cards are issued only from your own area's stock.
error-card_allocated_elsewhere = The card is in another distribution point's stock. Issue a card from your own stock, or ask the coordinator to move it.
error-card_already_issued = The card has been issued already and is valid until { $date }. Check the code, or renew it near its end.
error-card_expired_use_renew = The card has been issued already and has expired. Renew it instead.
error-card_void = This card is no longer in use. A new card is given at a distribution point.
error-card_not_issued = This card has not been given to anyone yet. Check the code on the card.
error-card_expired = The card stopped being valid on { $date }. It can be renewed where it was given.
error-card_not_yet_renewable = The card is still valid. It can be renewed from { $date }.
error-card_kind_differs = A card is renewed as the kind it is; issue a new card for another kind.
error-card_changed = Someone changed this card a moment ago. Reload the page and try again.
error-card_code_too_long = a card code has at most 16 letters and digits.
error-card_code_bad_character = the code contains a character that card codes do not have. Use letters A–Z and digits.
error-series_prefix = the prefix may have only letters A–Z and digits.
error-series_order = the last number must not be smaller than the first.
error-series_too_many = { $max ->
    [one] one series may hold at most { $max } card; register a larger run in parts.
   *[other] one series may hold at most { $max } cards; register a larger run in parts.
}
error-series_negative = numbers cannot be negative.
error-series_code_too_long = the codes would be longer than 16 characters. Use a shorter prefix or width.
error-series_luhn_digits = Luhn works only for codes of digits. Choose ISO 7064 for codes with letters.
error-series_overlaps = Card { $code } is in the register already. Series must not overlap anywhere in the country.
error-allocation_range = the numbers must be within the series ({ $first }–{ $last }), the first not after the last.
error-allocation_overlaps = Card { $code } is allocated to another distribution point already.
error-grant_date_future = the grant date cannot be in the future.
error-grant_date_after_trial = the area's trial ended on { $date }: no card can be granted after it.
error-under_16 = the client must be at least 16: the birth year can be { $latest } at the latest.
error-birth_year_range = give the year of birth with four digits (1900–{ $latest }).
error-age_not_confirmed = confirm that the client is at least 16 years old.
error-postal_code = a postal code has five digits. Choose "No permanent address" or "Not stated" when there is none.
error-children_range = give a number from 0 to { $max }.
error-not_stated_with_others = "Not stated" cannot be ticked together with other life situations.

# ---------- national lists ----------
nav-lists = Lists
lists-title = Lists of the transfer form
lists-intro = Mother tongues and life situations are national lists. You can add entries and take them out of use; answers already stored are kept. "Other" and "not stated" are always in use.
list-mother_tongue = Mother tongues
list-life_situation = Life situations
list-out-of-use = Out of use
list-add-title = Add an entry
list-entry-title = Entry
list-entry-intro = Change the names or take the entry out of use. The code never changes, so that statistics stay comparable.
action-add-entry = Add
field-list = List
field-label_fi = Name in Finnish
field-label_sv = Name in Swedish
field-label_en = Name in English
error-option_code = a mother tongue has an ISO 639 code (2–3 letters, e.g. kmr); a life situation lower-case letters and underscores.
error-option_exists = The list has this code already.
error-list_full = The list has 40 entries in use already, the most it can have. Take an entry out of use first.
error-option_fixed = "Other" and "not stated" are always in use.

# ---------- offering (issue 4) ----------
nav-offering = Offering
nav-cap-policy = Upper-limit rules
items-title = Offering
item-new-title = New event or course
item-edit-title = Change an event or course
item-form-intro = Every event and course is open to Kaikukortti unless you exclude it with a public reason. The upper limit must follow the national rule; no upper limit means no limit beyond the capacity. The upper limit does not hold tickets back for Kaikukortti holders: they book in time like everyone else.
action-new-item = New event or course
action-publish = Publish
action-remove-item = Remove
items-venue-profile = Venue profile
items-upcoming = Upcoming only
items-all = Show past events and courses too
items-empty = No events or courses yet.
items-windows = Windows
items-state = State
items-booking-days = { $days ->
    [one] bookable { $days } day before
   *[other] bookable { $days } days before
}
items-redeem-minutes = can be collected { $minutes } min before
items-excluded = Not with Kaikukortti
items-sold-out = Sold out
items-open = Open
item-type-event = Event
item-type-course = Course
field-title = Title
field-starts_at = Starts
hint-starts_at = Date and time in Finnish time. For a course, its first day.
field-capacity = Capacity (seats or places)
field-class = Class for the upper-limit rule
hint-class = Small performance: at most 50 seats. Very small: at most 10 (trial rule). Large event: more than 1000.
field-cap = Kaikukortti upper limit
hint-cap = Leave empty for no upper limit. Default: at least 5 % of the capacity.
field-booking_opens_days_before = Bookable from (days before)
hint-booking_opens_days_before = Leave empty if Kaikukortti tickets can be booked at any time, e.g. 30 for a month before.
field-redeem_opens_minutes_before = Can be collected (minutes before)
hint-redeem_opens_minutes_before = Leave empty if the ticket can be collected at any time, e.g. 30.
field-sold_out = Sold out
field-excluded = Excluded from Kaikukortti
field-exclusion_reason = Public reason for the exclusion
hint-exclusion_reason = Shown in the catalogue, e.g. a touring production.
field-repeat = Repeat
field-repeat_until = Repeat until
class-default = Default
class-small_performance = Small performance
class-very_small_performance = Very small performance (trial rule)
class-large_event = Large event (over 1000)
class-swimming_hall_day = Swimming-hall day (trial rule)
class-guest_producer = Guest producer
repeat-none = Only once
repeat-weekly = Every week
repeat-daily = Every day
cap-policy-title = National upper-limit rules
cap-policy-intro = The lowest upper limit an event or course may have, by class. A new version applies to events and courses on and after its date; those before it keep the rule they were published under.
cap-policy-new-title = A new version of the rules
cap-col-small = Small (seats: upper limit)
cap-col-very-small = Very small (trial)
cap-col-large = Large (seats: upper limit)
cap-col-guest = Guest producer
cap-trial-off = not in force
field-effective_from = In force from
field-default_percent = Default: per cent of capacity
field-small_max_capacity = Small performance: most seats
field-small_min_cap = Small performance and course: lowest upper limit
field-very_small_max_capacity = Very small performance: most seats
hint-very_small_max_capacity = Trial rule (upper limit 0 or 1). Leave empty when it is not in force.
field-large_min_capacity = Large event: more seats than
field-large_min_cap = Large event: lowest upper limit
field-swimming_min_cap = Swimming-hall day: lowest upper limit
hint-swimming_min_cap = Trial rule. Leave empty when it is not in force.
field-guest_min_cap = Guest producer: lowest upper limit
field-guest_max_cap = Guest producer: highest upper limit
error-cap_below_percent = { $capacity ->
    [one] for a performance of { $capacity } seat the upper limit must be at least { $min } ({ $percent } %).
   *[other] for a performance of { $capacity } seats the upper limit must be at least { $min } ({ $percent } %).
}
error-cap_below_minimum = the upper limit must be at least { $min } for this class.
error-cap_course_minimum = { $min ->
    [one] a course must offer at least { $min } place to Kaikukortti.
   *[other] a course must offer at least { $min } places to Kaikukortti.
}
error-cap_above_capacity = the upper limit cannot be larger than the capacity ({ $capacity }).
error-cap_guest_range = a guest producer's upper limit is from { $min } to { $max }.
error-cap_very_small = a very small performance may have an upper limit of 0 or 1.
error-class_small_capacity = { $limit ->
    [one] this class is for at most { $limit } seat. Choose another class.
   *[other] this class is for at most { $limit } seats. Choose another class.
}
error-class_large_capacity = { $limit ->
    [one] a large event has more than { $limit } seat. Choose another class.
   *[other] a large event has more than { $limit } seats. Choose another class.
}
error-class_trial_off = this trial rule is not in force on { $date }. Choose another class.
error-class_not_swimming_hall = swimming-hall days are for swimming halls.
error-series_too_long = a series may have at most { $max } dates; repeat until an earlier date.
error-policy_in_past = a new version takes effect today or later, never in the past.
error-policy_date_taken = A version already takes effect on this date.

# ---------- catalogue and brochure ----------
catalogue-title = Where the card works
catalogue-intro = With Kaikukortti you get free tickets to everything on this page. Show your card when you collect your ticket, or tell its code when you book. Your own children and grandchildren get a free ticket to the same event as you (not to courses). Your assistant, interpreter or companion always gets in free.
catalogue-any = All
catalogue-count = { $count ->
    [one] { $count } venue
   *[other] { $count } venues
}
catalogue-cap = { $cap ->
    [one] at most { $cap } ticket with Kaikukortti
   *[other] at most { $cap } tickets with Kaikukortti
}
catalogue-booking-from = tickets can be booked from { $date }
catalogue-redeem-from = tickets can be collected from { $time }
catalogue-assistant = The assistant, interpreter or companion of a person with a disability gets in free
catalogue-where-tickets = Where to get tickets
catalogue-accessibility = Accessibility
catalogue-restrictions = Restrictions
catalogue-cloakroom = The cloakroom is free
catalogue-no-items = No dated events or courses in this period: ask the venue.
catalogue-exclusions = Not with Kaikukortti:
catalogue-local-only = The area's cards work only at its own venues, and its venues take only its cards.
field-municipality = Municipality
field-from = From
field-to = To
field-ticket_agency = Ticket agency
hint-ticket_agency = The agency the venue sells through, e.g. Lippupiste.
field-municipality_code = Municipality
hint-municipality_code = For the catalogue's municipality filter.
brochure-title = Brochure
brochure-pdf = Brochure as PDF
brochure-intro = Kaikukortti is a personal card that gets you free tickets to culture. Take the card with you. Your assistant, interpreter or companion gets in free.
brochure-period = Offering { $period }.

# box office (SPEC §6)
nav-box-office = Box office
box-office-title = Box office
box-office-choose = Choose the venue
box-office-no-venues = You do not serve the box office of any venue.
backlog-title = Enter visits from paper
backlog-link = Enter visits from paper
backlog-intro = Visits first written on paper are entered here for the event or course they were for. The card's validity and the upper limit are checked for that day; booking and collection times are not.
box-office-item-tickets = Tickets recorded for this event or course
box-office-may = free tickets may be given
box-office-may-not = no free tickets
box-office-ok = Tickets that may be given: adults { $adults }, children { $children }. Press Enter or the button to record them.
box-office-refused = Nothing has been recorded. Tell the client why, or correct the entry and check again.
box-office-left = { $left ->
    [one] { $left } Kaikukortti ticket left
   *[other] { $left } Kaikukortti tickets left
}
box-office-group = Group visit and sales channel
box-office-help = Type or scan the card code and press Enter to check. When the answer says the tickets may be given (✓), press Enter again to record them.
action-record-use = Record free tickets
field-item = Event or course
field-card_code = Card code
field-adults = Adult tickets
hint-adults = The card holder, and the holder's own children or grandchildren who are over the child age.
field-children = Child tickets
hint-children = The holder's own children and grandchildren under the child age, at most the number on the card. With a community card: the clients under 16.
field-members = Group members' own cards
hint-members = With a community card: the card codes of group members aged 16 or over, one per line.
field-channel = Sales channel
field-idempotency_key = Idempotency key
field-child_age_under = Child tickets: age under
note-counts = Adults { $adults }, children { $children }
note-free-cloakroom = Free cloakroom
use-title = Tickets recorded
use-note-title = Write on the ticket
use-codes = Cards
use-tickets = Tickets of this visit
use-state = State
use-member = group member
use-next-card = Next card
ticket-status-reserved = Reserved
ticket-status-redeemed = Collected
ticket-status-cancelled = Cancelled
ticket-backlog = from paper
action-redeem = Mark collected
action-cancel-ticket = Cancel ticket
action-redeem-all = Mark all collected
action-cancel-all = Cancel the whole visit
item-tickets-title = Kaikukortti tickets
item-tickets-used = Kaikukortti tickets recorded: { $used }
item-tickets-empty = No Kaikukortti tickets have been recorded for this event or course yet.
item-tickets-recorded = Recorded
error-card_expired_on_item_day = The card is valid until { $date }, before the day of this event or course. It can be renewed where it was given.
error-card_not_yet_valid = The card was not yet valid on the day of the visit. Check the date.
error-item_excluded = This event or course is not open to Kaikukortti.
error-item_sold_out = It is sold out, so no Kaikukortti tickets can be given either.
error-cap_reached = Not enough Kaikukortti tickets left for this event or course: { $left } left.
error-before_booking_window = Kaikukortti tickets for this event or course can be booked from { $time }.
error-before_redemption_window = Tickets for this event or course can be collected from { $time }.
error-course_with_companions = A course place is for the card holder only: one place, no companions.
error-course_with_community_card = A community card cannot be used for a course place.
error-already_has_ticket = This card already has a ticket for this event or course. Cancel that one first if it was a mistake.
error-web_shop = Kaikukortti tickets are never sold through a web shop. Choose the box office, a ticket agency or phone.
error-unknown_channel = Choose the sales channel from the list.
error-too_many_children = { $max ->
    [one] The card gives at most { $max } child ticket for the holder's own children and grandchildren.
   *[other] The card gives at most { $max } child tickets for the holder's own children and grandchildren.
}
error-no_holder_ticket = The card holder's own ticket is missing: adult tickets must be at least 1.
error-card_local_only = The card or the venue belongs to a local-only Kaikukortti area: its cards work only at its own venues.
error-item_over = This event or course was on { $date }. To enter a visit from a paper list, choose "Enter visits from paper".
error-member_not_personal = A group member needs their own personal card; a community card cannot be a member.
error-duplicate_card = The same card is entered twice in this visit.
visit-card-number = card { $n }
error-visit_refused = Nothing was recorded: cards { $codes } cannot be used. See the reasons for each card.
error-too_many_members = { $max ->
    [one] A group visit has at most { $max } member.
   *[other] A group visit has at most { $max } members.
}
error-idempotency_key_invalid = { $max ->
    [one] the key has at most { $max } visible character.
   *[other] the key has at most { $max } visible characters.
}
error-idempotency_key_reused = This idempotency key was already used for a different request. Send a new key with a new request.
error-ticket_already_redeemed = The ticket has been collected already.
error-ticket_cancelled = The ticket is cancelled and cannot be collected.
error-ticket_already_cancelled = The ticket is cancelled already.

# reports (SPEC §7)
nav-report = Report
report-title = Usage report
report-col-card_code = Card code
report-col-adults = Adults
report-col-children = Children
report-col-item = Event or course
report-col-date = Date
report-total = Total
report-this-month = This month
report-previous-month = Previous month
report-download-xlsx = Download as Excel (XLSX)
report-download-csv = Download as CSV
report-empty = No Kaikukortti tickets in this period.
action-show = Show
error-period_order = the end of the period is before its start.
error-period_too_long = a report covers at most ten years.
error-catalogue_period_too_long = { $days ->
    [one] the catalogue shows at most { $days } day at a time. Choose a shorter period.
   *[other] the catalogue shows at most { $days } days at a time. Choose a shorter period.
}
report-submission-title = Submitting to the coordinator
report-not-submitted = This period's report has not been submitted yet. Once submitted it is kept as it is; a later correction is a new version.
report-submit-again-hint = This period has been submitted. If tickets have changed since, submit a correction: it becomes a new version that shows what changed.
action-submit-report = Submit the report to the coordinator
action-submit-correction = Submit a correction
report-versions = Submitted versions
report-version = Version
report-submitted-at = Submitted
report-change = Change
report-change-from = from version
report-adults-before = adults before
report-children-before = children before
report-submitted-notice = The report was submitted to the coordinator.
area-reports-title = Venue reports
area-reports-caption = Venues and their reports for the period
area-reports-state = Report
area-reports-submitted = submitted
area-reports-missing = not submitted
area-reports-contact = Contact person
area-reports-no-contact = No contact person in the venue's profile.
stats-title = Statistics
stats-suppressed = Outside the area only whole years are shown, as the area submitted them. <5 means from none to 4 persons: an empty line looks like a small one, so that no one can tell which groups anyone belongs to. x is a figure hidden because a small number could otherwise be worked out from the totals, the national table or an earlier version. This way no one can be identified from small numbers.
stats-cards = Cards
stats-issued-new = Issued
stats-renewed = Renewed
stats-community = Community cards
stats-cards-used = The area's cards used at least once
stats-share-used = Share of valid cards used
stats-tickets = Kaikukortti tickets (adults + children)
stats-by_distribution_point = By distribution point
stats-by_age_group = Cards by age group
stats-by_gender = Cards by gender
stats-by_mother_tongue = Cards by mother tongue
stats-by_postal_area = Cards by postal area (first two digits)
stats-by_life_situation = Cards by life situation (each one ticked)
stats-by_venue = Tickets by venue
stats-by_sector = Tickets by sector
stats-by_month = Tickets by month
stats-by_category = Tickets by category of the national statistics
stats-chart-desc = Adult and child tickets; the same numbers are in the table below.
stats-col-section = Table
stats-col-line = Line
stats-col-value = Count or adults
stats-col-value2 = Children
stats-col-cards = Cards
field-year = Year
field-version = Version
category-culture = Culture
category-education = Education
category-science = Science
category-sport = Sport
nav-statistics = Statistics
stats-national-title = National statistics
stats-national-missing = The table for the whole country is published when every area has submitted the year. Not submitted yet: { $areas }.
stats-version-of = Version { $version }
stats-whole-country = Whole country
stats-by-area = Areas
stats-not-submitted = not submitted
stats-source-submitted = The figures the areas have submitted.
stats-submit-hint = The coordinator submits the area's statistics for { $year } to the national service. They are kept as they are now; submitting again makes a new version.
action-submit-statistics = Submit the statistics for { $year }
stats-submitted-notice = The statistics were submitted (version { $version }).
error-anonymise_future = the day must not be in the future.
error-anonymise_whole_years = anonymising goes by whole years: choose 1 January of a year, for example 1.1.2023.
field-expired_before = Cards expired before
anonymise-title = Anonymising expired cards
anonymise-intro = The records of cards that expired before the day you choose are anonymised for good: each code is replaced by a random id, the birth year by the age group and the postal code by the postal area. Statistics stay as they are. You see how many cards this concerns before anything is changed.
action-count = Count
anonymise-some = Cards that expired before this day are not anonymised yet. How many is not shown here, so that no small number of people can be worked out; the count after anonymising is rounded up to the next ten.
anonymise-cannot-undo = Anonymising cannot be undone.
anonymise-none = Every card that expired before this day is anonymised already.
action-anonymise = Anonymise the cards
anonymise-done = { $cards ->
    [one] At most { $cards } card was anonymised (rounded up to the next ten).
   *[other] At most { $cards } cards were anonymised (rounded up to the next ten).
}
field-suppression_threshold = Statistics: hide counts below
import-col-card_code = card code
import-col-adults = adults
import-col-children = children
import-col-item_title = event or course
import-col-date = date
import-identifying-column = Column { $column } ({ $heading }) holds data that identifies a person and is not imported.
import-unknown-column = Column { $column } has a heading kaiku does not know and is not imported.
import-row = Row { $row }:{" "}
import-identity-code = Row { $row }, column { $column }: contains what looks like a personal identity code. The row is not imported; remove the code from the sheet.
import-bad-code = Row { $row }: the card code has characters no card code has.
import-bad-number = Row { $row }: adults and children must be whole numbers from 0 to 40.
import-bad-title = Row { $row }: the event or course is missing or too long.
import-bad-date = Row { $row }: the date is not a date; write it as 3.2.2020 or 2020-02-03.
import-duplicate-row = Row { $row }: the same visit is in the sheet already.
import-already-imported = Row { $row }: already imported.
error-import_missing_columns = The sheet lacks these columns: { $columns }. Use the columns of the usage report.
error-sheet_empty = The file is empty: there is nothing to import.
error-sheet_no_rows = The sheet has headings but no rows: there is nothing to import.
error-sheet_unreadable = The file is not a spreadsheet kaiku can read. Save it as XLSX or CSV.
error-sheet_zip_bomb = The file would unpack far larger than a spreadsheet can be, and is not opened.
error-sheet_too_many_rows = The sheet has more than 200 000 rows. Split it into sheets of at most 200 000 rows and import them one after another.
error-sheet_too_many_columns = The sheet has more columns than a form has: at most 64 with anything in them, and no more than 16 384 in all. Keep only the columns of the form (card code, dates, counts, answers) and import it again.
error-sheet_cell_too_long = A cell of the sheet is longer than 1000 characters. No answer on the form is that long: check the sheet and shorten or remove that cell.
error-import_has_refused_rows = Some rows were refused. Fix them and upload again, or import only the accepted rows.
error-import_confirmed_already = This import has been written already.
error-import_changed = Something changed since the preview (an upper limit was reached, a ticket recorded). Upload the sheet again for a new preview.
import-title = Import visits from a sheet
import-intro = Visits written in Excel or on paper and typed into a sheet come in here: the columns of the usage report (card code, adults, children, event or course, date) in any order, headed in Finnish, Swedish or English. You see every row before anything is recorded.
field-file = Sheet (XLSX or CSV)
hint-file = Columns naming a person (name, identity code, address, phone, e-mail) are not read.
action-preview = Check the sheet
import-preview = What would be imported
import-summary = { $accepted ->
    [one] { $accepted } row can be recorded, { $refused } are refused, { $duplicates } are already in.
   *[other] { $accepted } rows can be recorded, { $refused } are refused, { $duplicates } are already in.
}
import-row-number = Row
import-accepted = accepted
import-duplicate = already in
import-refused = refused
import-only-accepted = Only the accepted rows are recorded; fix the refused ones in the sheet and import it again.
import-rows-not-listed = { $count ->
    [one] { $count } more row is not listed here. The refused rows are all in the refused-rows sheet above.
   *[other] { $count } more rows are not listed here. The refused rows are all in the refused-rows sheet above.
}
action-import = { $count ->
    [one] Record { $count } visit
   *[other] Record { $count } visits
}
import-recorded = { $count ->
    [one] { $count } visit was recorded.
   *[other] { $count } visits were recorded.
}
import-template-xlsx = An empty sheet to fill in (XLSX)
import-template-csv = An empty sheet to fill in (CSV)

## Issue 7: transfer forms in, refused rows out
import-heading-card_code = Card code (digits and/or letters)
import-heading-adults = Adult ticket
import-heading-children = Child ticket (under { $age })
import-heading-item_title = Name of the performance
import-heading-date = Date
import-heading-grant_date = Grant date
import-heading-birth_year = Birth year
import-heading-mother_tongue = Mother tongue
import-heading-gender = Gender
import-heading-postal_code = Postal code
import-heading-minor_children = Minor children
import-heading-life_situations = Life situation
import-col-grant_date = grant date
import-col-birth_year = birth year
import-col-mother_tongue = mother tongue
import-col-gender = gender
import-col-postal_code = postal code
import-col-minor_children = number of children under 18
import-col-life_situations = life situation
error-import_missing_form_columns = The sheet lacks these columns: { $columns }. Use the columns of the transfer form (card code, grant date, birth year, and the background data).
import-row-field = Row { $row }, { $field }:{" "}
import-unknown-category = not one kaiku knows. Write it as on the transfer form, in Finnish, Swedish or English, or leave the cell empty if the client did not say.
import-bad-grant-date = Row { $row }: the grant date is not a date from 2000 on; write it as 3.2.2020 or 2020-02-03.
import-duplicate-form = Row { $row }: the same card with the same grant date is in the sheet already.
import-grant-before-current = The card has a later grant in kaiku already; an older form cannot be added before it.
import-reason = Reason
import-refused-rows = Refused rows
import-failed-columns = check the columns
import-refused-download = The refused rows with their reasons, to fix and import again:
import-refused-xlsx = Refused rows (XLSX)
import-refused-csv = Refused rows (CSV)
issuance-import-title = Import transfer forms from a sheet
issuance-import-intro = Transfer forms kept on paper or in Excel come in here: one row a form with the card code, grant date, birth year, mother tongue, gender, postal code, number of children under 18 and life situations (several separated by commas), headed and written in Finnish, Swedish or English. An empty category cell means the client did not say. You see every row before anything is recorded.
field-confirmed-16-all = The issuers checked that every client on these forms was at least 16 when the card was granted
hint-confirmed-16-all = Needed only for clients born in the year that makes them 15 or 16 on the grant day; without it those rows are refused.
issuance-action-import = { $count ->
    [one] Record { $count } form
   *[other] Record { $count } forms
}
issuance-import-recorded = { $count ->
    [one] { $count } transfer form was recorded.
   *[other] { $count } transfer forms were recorded.
}
nav-issuance-import = Import transfer forms
error-period_submitted = this visit is in the report submitted for { $from }–{ $to }. Cancel it as a correction: give the reason, and the coordinator sees that the report has a pending correction.
error-cancel_day_over = the event was on { $date } and its day is over. Cancel it as a correction: give the reason.
error-correction_by_person = a correction is made by a person, in the box office screen or with their own login, not through an integration token.
correction-title = Correct a past day or a submitted report
correction-intro = A visit of a day that is over, or of a period whose report was submitted, is cancelled only as a correction with a reason. The reason is kept with the tickets; do not write names or identity codes.
field-correction = Reason for the correction
action-correct-cancel = Cancel the whole visit as a correction
report-pending-correction = Visits of this period have changed since the report was submitted: a correction is pending. Submit the report again so the coordinator gets the corrected version.
correction-record-hint = Only when this period's report was already submitted: why the visit is recorded now. No names or identity codes.
error-period_submitted_record = the report for { $from }–{ $to } was already submitted. Record this visit as a correction: give the reason, and the coordinator sees that the report has a pending correction.
import-period-submitted = the report of that day's period was already submitted. Record this visit on the backlog screen as a correction, with its reason.
error-report_period_ahead = a report covers what has happened: its period ends at the latest on { $date }.
field-device = Device
field-uses = Visits
error-offline_device = name the device with 1–64 visible characters.
error-offline_batch_size = { $max ->
    [one] send { $max } visit at a time.
   *[other] send from 1 to { $max } visits at a time.
}
error-offline_use_id = visit { $use }: its id is 8–64 letters, digits, - or _.
error-offline_use_id_twice = visit { $use }: the same id twice in one batch.
error-offline_use_item = visit { $use }: no such event or course at this venue.
error-offline_use_code = visit { $use }: the card code cannot be read.
error-offline_use_members = visit { $use }: a group member's card code cannot be read, or there are too many members.
error-offline_use_count = visit { $use }: adults and children are numbers from 0 to 40.
error-offline_use_time = visit { $use }: its time is not a date and time (RFC 3339).
error-offline_settled = This visit has been settled already. Reload the page to see how.
offline-correction = Recorded offline, sent after the report was submitted
offline-title = Offline visits to check
offline-intro = Visits recorded while the box office had no connection. A visit past the upper limit is counted and shown here; a use the register could not accept waits for you to keep or cancel it.
offline-none = No offline visits past the upper limit or waiting to be checked.
offline-happened = Happened
offline-received = Sent
offline-outcome = Outcome
offline-outcome-over_cap = Past the upper limit (counted)
offline-outcome-disputed = To be checked
offline-settlement-kept = Kept
offline-settlement-cancelled = Cancelled
offline-page-newer = Previous page
offline-page-older = Next page
offline-keep = Keep
offline-cancel = Cancel the visit
offline-link = Offline visits to check
offline-state-online = Connected. Snapshot for working offline from { $time }.
offline-state-offline = No connection since { $since }. Checking against the snapshot from { $time }.
offline-state-manual = Working offline (switched by hand) since { $since }. Checking against the snapshot from { $time }.
offline-state-nosnapshot = No snapshot on this device yet: open the box office once while connected.
offline-waiting = { $count ->
    [one] One visit waiting to be sent.
   *[other] { $count } visits waiting to be sent.
}
offline-go-offline = Work offline
offline-go-online = Back online
offline-send = Send now
offline-ok = Valid by the snapshot. Press Enter or "Record" to record it on this device.
offline-recorded = Recorded on this device. It is sent by itself when the connection returns.
offline-warn-unknown = This code is not in the snapshot: the card may be new, void or mistyped. Record it only if you are sure; the register checks it when the connection returns.
offline-warn-check = The check character does not match: the code is probably mistyped.
offline-warn-expired = By the snapshot the card was valid until { $date }.
offline-warn-cap = The upper limit is reached as counted on this device.
offline-warn-children = { $max ->
    [one] The card allows at most { $max } child.
   *[other] The card allows at most { $max } children.
}
offline-warn-twice = This card already has a ticket for this event or course on this device.
offline-warn-closed = This event is sold out or not open to Kaikukortti.
offline-record = Record on this device
offline-record-anyway = Record anyway
offline-sent = Sent: { $recorded } recorded, { $over } past the upper limit, { $disputed } to be checked.
offline-pending-title = Waiting to be sent
paper-form-usage-title = Report on the use of Kaikukortti
paper-form-usage-venue = Venue: ______________________________   Period: ____________________
paper-form-usage-hint = Write down the card code and the tickets of each visit. Enter the form in the register later (usage import) or give it to whoever does.
paper-form-totals = Total
paper-form-issuance-title = Kaikukortti transfer form
paper-form-issuance-point = Distribution point: ______________________________   Given by: ____________________
paper-form-issuance-hint = The holder's name is not written on this form, only inside the card. Birth year, mother tongue, gender, postal code and life situation are asked from the holder; answering is voluntary.
paper-form-usage-link = Paper form for the box office (PDF)
paper-form-usage-link-xlsx = (Excel)
paper-form-issuance-link = Paper transfer form (PDF)
import-template-pdf = Blank paper form to print (PDF)
box-office-member-refused = The card shown, { $code }, would do, but a group member's card does not. Nothing has been recorded: take the member off the visit or correct the code, and check again.
error-offline_id_reused = Another visit was already taken under this id; this one was not recorded. Check the visits on the device.
report-offline = recorded offline
stats-offline-tickets = Of these, recorded without a connection (adults + children)
error-offline_clock = The device's clock was more than a day ahead, or the visit is over 30 days old: check the time of this visit.
error-offline_use_identity_code = visit { $use }: a field holds a personal identity code. An identity code is never stored; remove the use from the device and record the card code.
error-offline_identity_code = the device name holds a personal identity code. Name the device without personal data.
error-offline_cannot_keep = This visit cannot be kept: it has no ticket, the card is not in the register, or the card has a ticket for this event or course already. Cancel the visit.
error-offline_not_disputed = This visit is not waiting for a decision: it has been counted already.
offline-identity = A field holds a personal identity code. It is never recorded: type the card code.
offline-bad-count = Adults and children are from 0 to 40.
error-statistics_year_not_over = The year { $year } is not over yet. Its statistics are submitted once the year has ended.
