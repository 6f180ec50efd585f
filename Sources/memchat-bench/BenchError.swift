/// A benchmark that could not run, with the reason for the user.
struct BenchError: Error, CustomStringConvertible {
    let description: String
}
