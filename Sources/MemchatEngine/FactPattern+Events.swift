import Foundation
import MemchatCore

/// Rules for when things happen and for standing instructions.
extension FactPattern {
    /// "The Delta review is on Wednesday", "The Delta review moved to Monday", "My dentist
    /// appointment got pushed to the 21st": keyed by the event ("event:delta review"), so
    /// a new date replaces the old one. The value must read as a date or time, so "the
    /// meeting is on Zoom" is not an event.
    static func event(_ clause: Clause) -> ExtractedFact? {
        guard let first = clause.word(0), ["the", "my", "our"].contains(first) else { return nil }
        for verb in 2...min(6, max(2, clause.words.count - 2)) {
            guard let index = clause.after(anyOf: EventLeads.when, from: verb) else { continue }
            let event = clause.words[1..<verb].map(\.lower)
            guard event.allSatisfy({ Thing.isWord($0) || Int($0) != nil }),
                  event.contains(where: { !eventFillers.contains($0) }),
                  let value = clause.value(from: index, cutAt: phraseBreakers + [", ", " because ", " so "]),
                  value.split(separator: " ").count <= 6, isWhen(value)
            else { return nil }
            return make(clause, valueAt: index, value: value, key: "event:" + event.joined(separator: " "))
        }
        return nil
    }

    /// "Always answer in French", "Never use bullet points", "From now on, reply in
    /// English": an instruction for every answer. The language of answers is one key, so
    /// a new language replaces the old; other instructions are kept each as said.
    static func instruction(_ clause: Clause) -> ExtractedFact? {
        guard let index = clause.after(anyOf: EventLeads.instruction),
              let verb = clause.word(index), instructionVerbs.contains(verb),
              let said = clause.value(from: 0, cutAt: phraseBreakers), said.split(separator: " ").count <= 20
        else { return nil }
        let rest = clause.words[(index + 1)...].map(\.lower)
        if clause.words[index - 1].lower != "never", ["answer", "reply", "respond", "write", "speak", "talk"].contains(verb),
           rest.count >= 2, rest[0] == "in", let language = clause.value(from: index + 2, cutAt: [" ", ","]),
           language.first?.isUppercase == true || languages.contains(language.lowercased()) {
            return ExtractedFact(text: sentence(said), key: "instruction:language", value: language)
        }
        return ExtractedFact(text: sentence(said), key: "instruction:" + MemoryFact.normalized(said), value: said)
    }

    /// "I write in British English", "I think in Celsius, not Fahrenheit", "I cook in
    /// grams": the language and units answers should use.
    static func habit(_ clause: Clause) -> ExtractedFact? {
        guard let index = clause.after(EventLeads.habit), let said = phrase(clause, at: index),
              let value = clause.value(from: index, cutAt: phraseBreakers + [", ", " when ", " for ", " because "]),
              value.split(separator: " ").count <= 4
        else { return nil }
        let words = value.lowercased().split(separator: " ").map(String.init)
        if words.contains(where: languages.contains) {
            return make(clause, valueAt: index, said: said, value: value, key: "instruction:language")
        }
        guard let unit = words.first(where: { unitTopics[$0] != nil }).flatMap({ unitTopics[$0] }) else { return nil }
        return make(clause, valueAt: index, said: said, value: value, key: "preference:" + unit)
    }

    /// A day, date or time: a weekday, a month, "the 14th", "3pm", "10:30", "2026-03-01",
    /// "next week". Not "today", "tomorrow" or "tonight", which stop being true.
    static func isWhen(_ value: String) -> Bool {
        let words = value.lowercased().split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,")) }
        guard !words.contains(where: { ["today", "tomorrow", "tonight", "now"].contains($0) }) else { return false }
        return words.enumerated().contains { index, word in
            weekdays.contains(word) || months.contains(word) || ["noon", "midday", "midnight"].contains(word)
                || (word == "next" && index + 1 < words.count)
                || word.range(of: #"^\d{1,2}(st|nd|rd|th)$"#, options: .regularExpression) != nil
                || word.range(of: #"^\d{1,2}(:\d{2})?(am|pm|h)$|^\d{1,2}:\d{2}$"#, options: .regularExpression) != nil
                || word.range(of: #"^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$"#, options: .regularExpression) != nil
        }
    }

    private enum EventLeads {
        static let when: [Lead] = [
            "is|are on|at|in", "is|are scheduled|set|planned|booked for|on", "is|are now on|at|in", "is|are now",
            "moved|shifted to", "was|were|is|are|has|have moved|shifted to", "has|have been moved|shifted to",
            "got moved|pushed|postponed|rescheduled|shifted to|for|until", "got pushed back to",
            "was|were|is|are pushed|postponed|rescheduled|delayed|brought to|for|until",
            "was|were|is|are pushed|brought back|forward to", "has|have been pushed|postponed|rescheduled|delayed to|for|until",
            "is|are", "starts|begins|ends|happens on|at|in", "will be on|at|in", "expires|renews on|in|at",
            "is|are due on|in|by",
        ]
        static let habit: Lead = "i write|spell|think|measure|cook|bake in"
        static let instruction: [Lead] = [
            "always", "never", "please always", "please never", "from now on", "from now on please", "from now on always",
            "going forward", "in future", "in the future",
        ]
    }

    private static let eventFillers: Set<String> = ["the", "a", "an", "my", "our", "new", "next", "big", "next", "whole"]
    private static let instructionVerbs: Set<String> = [
        "answer", "reply", "respond", "write", "use", "give", "include", "show", "explain", "format", "speak", "talk",
        "keep", "add", "put", "start", "end", "sign", "address", "mention", "cite", "avoid", "assume", "ask",
        "provide", "list", "convert", "spell", "call", "refer", "be",
    ]
    /// Unit words, by what they measure: a new one replaces the old of that topic.
    private static let unitTopics: [String: String] = [
        "metric": "unit", "imperial": "unit", "celsius": "temperature", "fahrenheit": "temperature",
        "kilometres": "distance", "kilometers": "distance", "km": "distance", "miles": "distance",
        "kilograms": "weight", "kg": "weight", "pounds": "weight", "lbs": "weight", "grams": "weight",
        "ounces": "weight", "cups": "volume", "litres": "volume", "liters": "volume", "millilitres": "volume",
    ]
    static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "mondays",
        "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
    ]
    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    private static let languages: Set<String> = [
        "british", "american", "english", "french", "spanish", "german", "portuguese", "italian", "dutch", "polish", "russian", "japanese",
        "chinese", "mandarin", "cantonese", "korean", "arabic", "hindi", "turkish", "swedish", "norwegian", "danish",
        "finnish", "greek", "hebrew", "czech", "ukrainian", "vietnamese", "thai", "indonesian", "catalan",
    ]
}
