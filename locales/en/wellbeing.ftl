# Well-being questions (R-WELL-1).

wellbeing-title = Well-being questions
wellbeing-intro = When a card is issued or renewed, the client may answer these voluntary questions. The answers are kept as ready options, never as free text, and "did not answer" is an answer too.
wellbeing-empty = There are no questions yet.
wellbeing-add = Add a question
wellbeing-new-title = New well-being question
wellbeing-edit-title = Edit the well-being question
wellbeing-form-intro = Write the question clearly and briefly in all three languages. The answer scale cannot be changed once the question exists, because the answers given are its options.
wellbeing-in-force = In force
wellbeing-scale-frequency = How often (in 12 months)
wellbeing-scale-level = Scale 1–5
wellbeing-legend = Well-being (voluntary)
wellbeing-hint = Ask only if the client wants to answer. If the client does not answer, leave the choice at "Did not answer".
wellbeing-no-answer = Did not answer
wellbeing-frequency-never = Never
wellbeing-frequency-once_or_twice = Once or twice
wellbeing-frequency-several_times = Several times
wellbeing-frequency-monthly = Every month
wellbeing-frequency-weekly = Every week
wellbeing-level-1 = 1 – not at all
wellbeing-level-2 = 2
wellbeing-level-3 = 3
wellbeing-level-4 = 4
wellbeing-level-5 = 5 – very much
field-scale = Answer scale
field-text_fi = The question in Finnish
field-text_sv = The question in Swedish
field-text_en = The question in English
field-effective_to = In force until
hint-effective_to = Leave empty if the question is in force until further notice.
field-position = Order
hint-position = A smaller number is asked first.
error-wellbeing_dates = the end date cannot be before the start date.
error-wellbeing_question = an answer to a question not asked on the grant date chosen. The form now shows that day's questions: answer them and send again.
error-wellbeing_answer = the answer is none of the question's options. Choose one from the list, or "Did not answer".
wellbeing-stats-title = Well-being questions
wellbeing-stats-intro = The answers when cards were issued or renewed in the period. Outside the area they are shown for whole years as the area submitted them, for the questions asked all that year, and counts from 1 to 4 as “<5”, like every count of people.
wellbeing-stats-change = For { $compared } { $compared ->
        [one] card
       *[other] cards
    } the holder answered both before and at renewal: the answer rose for { $higher }, stayed the same for { $same } and fell for { $lower } { $lower ->
        [one] card
       *[other] cards
    }.
wellbeing-higher = The answer rose at renewal (cards compared in the last column)
wellbeing-same = The answer stayed the same at renewal
wellbeing-lower = The answer fell at renewal
wellbeing-grants = Cards issued and renewed
import-col-wellbeing = well-being question
import-wellbeing-not-asked = Row { $row }: the question in column { $column } was not asked on the grant date. Leave the cell empty.
import-wellbeing-answer = Row { $row }: the answer in column { $column } is none of the question's options. Write the option as the form gives it, or leave the cell empty if the client did not answer.
import-wellbeing-unreadable = Row { $row }: the answers to the well-being questions could not be read. Check the answer columns.
wellbeing-import-hint = A transfer form sheet may have a column for each well-being question. Head it with the question's text in Finnish, Swedish or English and write the answer option in the cell. An empty cell means the client did not answer.
error-wellbeing_from_past = the start date cannot be moved earlier into the past: answers already given would count for days the question was not asked. Create a new question if needed.
error-wellbeing_text_taken = another question already has this text. Transfer-form columns are known by the question's text, so each question has its own.
