import ArgumentParser
import Foundation
import MemchatEngine
import MemchatCore
import MemchatStore

/// Runs the command line and returns the process exit code:
/// 0 ok, 1 runtime error, 2 usage or configuration error, 3 not found.
public enum MemchatCLI {
    public static func main(_ arguments: [String]) async -> Int32 {
        do {
            var command = try Memchat.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            return report(error)
        }
    }

    /// Prints an error the user can act on and picks the exit code.
    static func report(_ error: Error) -> Int32 {
        switch error {
        case let error as StoreError:
            Console.error(error.description)
            if case .emptySearch = error { return 2 }
            return error.isNotFound ? 3 : 1
        case let error as MemoryError:
            Console.error(error.description)
            return error.isNotFound ? 3 : error.isInvalidRequest ? 2 : 1
        case let error as ConfigurationError:
            Console.error(error.description)
            return 2
        case RuntimeError.reported:
            return 1
        case let error as RuntimeError:
            Console.error(error.description)
            if case .usage = error { return 2 }
            return 1
        case is IdentifierError, is DomainError, is SlashCommandError:
            Console.error("\(error)")
            return 2
        case let error as ExitCode:
            return error.rawValue
        default:
            // Help, version and argument errors from the parser.
            let code = Memchat.exitCode(for: error)
            if code == .success {
                Console.out(Memchat.fullMessage(for: error))
                return 0
            }
            FileHandle.standardError.write(Data((Memchat.fullMessage(for: error) + "\n").utf8))
            return code == .validationFailure || error is ValidationError ? 2 : 1
        }
    }
}
