import ArgumentParser

/// `--theme` for the commands that open the chat screen (`memchat`, `memchat chat`).
struct ThemeOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Colour theme: dark (default), light, high-contrast, or one of yours in ~/.config/memchat/themes (overrides MEMCHAT_THEME).",
        valueName: "name"))
    var theme: String?
}
