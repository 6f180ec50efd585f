import ArgumentParser
import Foundation

/// `--baseline`: an earlier memchat binary timed beside this build, alternately in the
/// same run, so that the two figures are comparable on a machine whose speed drifts.
struct BaselineOption: ParsableArguments {
    @Option(help: ArgumentHelp("An earlier memchat binary to time beside this one.", valueName: "path")) var baseline: String?

    func validate() throws {
        if let baseline, !FileManager.default.isExecutableFile(atPath: baseline) {
            throw ValidationError("--baseline \(baseline) is not an executable file")
        }
    }
}
