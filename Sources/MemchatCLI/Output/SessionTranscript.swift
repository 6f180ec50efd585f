import Foundation
import MemchatCore

/// A session and its turns as people read them: `memchat sessions show`'s text, or a
/// Markdown document (`--format markdown`) to keep or share. Both say the same things
/// (title, summary, each turn with its time and, when it was written before a context
/// switch, its own context), from the helpers below. A failed answer reads as what went
/// wrong (`Turn.failureReading`); `--json` and exports keep the stored content.
enum SessionTranscript {
    /// The terminal layout: turn content with tabs expanded.
    static func text(_ session: Session, turns: [Turn]) -> String {
        var lines = [
            "\(TextFormatting.oneLine(session.displayTitle))  [\(session.id)]",
            summary(session),
        ]
        for turn in turns {
            lines.append("")
            lines.append("\(turn.role)  \(TextFormatting.localTime(turn.createdAt))" + (footing(turn, in: session).map { "  (\($0))" } ?? ""))
            lines.append(TextFormatting.multiLine(turn.failureReading ?? turn.content))
        }
        return lines.joined(separator: "\n")
    }

    /// A `#` title, the summary line, then a `## you · time` or `## assistant · time`
    /// section per turn with its content as written (it is often Markdown itself).
    static func markdown(_ session: Session, turns: [Turn]) -> String {
        var sections = [
            "# \(TextFormatting.oneLine(session.displayTitle))",
            summary(session) + " · session `\(session.id)`",
        ]
        for turn in turns {
            let speaker = turn.role == .user ? "you" : turn.role.rawValue
            let heading = ["## \(speaker)", TextFormatting.localTime(turn.createdAt)] + (footing(turn, in: session).map { [$0] } ?? [])
            sections.append(heading.joined(separator: " · "))
            sections.append(trimmingTrailingNewlines(TextFormatting.verbatim(turn.failureReading ?? turn.content)))
        }
        return sections.joined(separator: "\n\n")
    }

    /// `work · assistant · active · 4 turns · started … · last …`, and what it was merged into.
    private static func summary(_ session: Session) -> String {
        "\(session.context) · \(session.mode) · \(session.state) · \(session.turnCount) turns · "
            + "started \(TextFormatting.localTime(session.createdAt)) · last \(TextFormatting.localTime(session.lastActivity))"
            + (session.mergedInto.map { " · merged into \($0)" } ?? "")
    }

    /// `personal/friend` for a turn written in another context or mode than the
    /// session's current one (before a switch); nil for the others.
    private static func footing(_ turn: Turn, in session: Session) -> String? {
        let footing = ContextSwitch.Footing(context: turn.effectiveContext(in: session), mode: turn.effectiveMode(in: session))
        return footing == ContextSwitch.Footing(session) ? nil : footing.description
    }

    private static func trimmingTrailingNewlines(_ text: String) -> String {
        var text = Substring(text)
        while text.last?.isNewline == true { text = text.dropLast() }
        return String(text)
    }
}
