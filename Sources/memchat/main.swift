import Foundation
import MemchatCLI

exit(await MemchatCLI.main(Array(CommandLine.arguments.dropFirst())))
