import Foundation
import MemchatCore

/// The built-in system prompt for each context and mode; `prompts.CONTEXT.MODE` in
/// config.toml replaces one.
public enum SystemPrompts {
    /// How an override is keyed: `work.assistant`.
    public static func key(context: Context, mode: Mode) -> String {
        "\(context.name).\(mode.rawValue)"
    }

    public static func prompt(context: Context, mode: Mode) -> String {
        let voice: String
        switch mode {
        case .assistant:
            voice = "You are a precise, helpful assistant. Answer directly; use short lists and code blocks when they help."
        case .friend:
            voice = "You are a warm, candid friend. Speak plainly and kindly, and ask a question back when it helps."
        }
        let focus: String
        switch context {
        case .work: focus = "The conversation is about the user's work: be concrete, professional and mindful of deadlines."
        case .personal: focus = "The conversation is personal: be considerate and respect the user's privacy."
        case .creative: focus = "The conversation is creative: be imaginative, offer options and vivid language."
        case .general: focus = "The conversation is general."
        default: focus = "The conversation's context is \"\(context.name)\"."
        }
        return voice + " " + focus
            + " Facts the user asked you to remember and relevant past exchanges are given below; use them when they bear on the question."
    }
}
