// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "memchat",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "memchat", targets: ["memchat"]),
        .executable(name: "memchat-mcp", targets: ["memchat-mcp"]),
        .executable(name: "memchat-bench", targets: ["memchat-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system", exact: "1.8.1"),
    ],
    targets: [
        // Pure model: no I/O, Foundation only.
        .target(name: "MemchatCore"),
        // SessionStore protocol and its backends.
        .target(
            name: "MemchatStore",
            dependencies: ["MemchatCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Chat engine: context assembly, providers, memory extraction.
        .target(
            name: "MemchatEngine",
            dependencies: [
                "MemchatCore", "MemchatStore", "CCodeScan", "CEncoderKernels", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // The semantic turn index's scan loop, compiled for CPUs with a popcount instruction.
        .target(name: "CCodeScan"),
        // The sentence encoder's matrix products and GELU, with AVX2/FMA paths chosen at run
        // time. Optimised in debug builds too: `swift test` encodes hundreds of sentences.
        .target(name: "CEncoderKernels", cSettings: [.unsafeFlags(["-O2"])]),
        // The screen model (Grid, keys) and the only code that touches the terminal.
        .target(name: "MemchatTerminal", dependencies: ["MemchatCore", "CNcurses"]),
        // ncursesw, wide character API, for the real terminal (Debian: libncurses-dev). No
        // pkgConfig: the module map links ncursesw and tinfo, and the shim defines what
        // pkg-config's -D flags would (which SwiftPM refuses with a warning on every call).
        .systemLibrary(name: "CNcurses"),
        // The chat UI: State, Action, pure reduce and render, the keymap, the runtime.
        .target(
            name: "MemchatTUI",
            dependencies: ["MemchatCore", "MemchatStore", "MemchatEngine", "MemchatTerminal", .product(name: "TOMLKit", package: "TOMLKit")]),
        // The store and memory as Model Context Protocol tools, for one user (memchat-mcp).
        .target(
            name: "MemchatMCP",
            dependencies: [
                "MemchatCore", "MemchatStore", "MemchatEngine", .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Command-line interface and configuration loading.
        .target(
            name: "MemchatCLI",
            dependencies: [
                "MemchatCore", "MemchatStore", "MemchatEngine", "MemchatTerminal", "MemchatTUI", "CNcurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(name: "memchat", dependencies: ["MemchatCLI"]),
        // The MCP server `memchat mcp` starts: apart, so that the SDK's networking libraries
        // do not load (and slow the start) in every other command.
        .executableTarget(name: "memchat-mcp", dependencies: ["MemchatCLI", "MemchatMCP"]),
        .executableTarget(
            name: "memchat-bench",
            dependencies: [
                "MemchatCore", "MemchatStore", "MemchatEngine", "MemchatTerminal", "MemchatTUI", "CNcurses", "CEncoderKernels",
                "MemchatTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MemchatCoreTests", dependencies: ["MemchatCore"]),
        .testTarget(name: "MemchatTerminalTests", dependencies: ["MemchatTerminal"]),
        .testTarget(
            name: "MemchatTUITests",
            dependencies: ["MemchatTUI", "MemchatTerminal", "MemchatCore", "MemchatEngine", "MemchatStore", "MemchatTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "MemchatStoreTests",
            dependencies: ["MemchatCore", "MemchatStore", "MemchatTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // A scripted local HTTP server (plain sockets) shared by the tests and memchat-bench.
        .target(name: "MemchatTestSupport", path: "Tests/MemchatTestSupport"),
        .testTarget(
            name: "MemchatEngineTests",
            dependencies: ["MemchatCore", "MemchatStore", "MemchatEngine", "MemchatTestSupport", "CEncoderKernels"]
        ),
        .testTarget(
            name: "MemchatMCPTests",
            dependencies: [
                "MemchatMCP", "MemchatCore", "MemchatStore", "MemchatEngine", .product(name: "MCP", package: "swift-sdk"),
            ]
        ),
        .testTarget(
            name: "MemchatCLITests",
            dependencies: [
                "MemchatCLI", "MemchatCore", "MemchatStore", "MemchatTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
