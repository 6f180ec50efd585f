/// Why the sentence encoder's weights could not be used. Callers fall back to ranking
/// by words (and say so once); nothing stored depends on the encoder.
public enum EncoderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No weights file among the places searched.
    case notFound(searched: [String])
    case unreadable(file: String, reason: String)
    /// The file does not start with the encoder file's magic bytes.
    case notAnEncoderFile(file: String)
    /// The header is not the expected JSON, or a tensor is missing, misshapen or past the end.
    case damaged(file: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let searched):
            "sentence encoder weights (\(EncoderFile.name)) not found; looked in \(searched.joined(separator: ", ")); "
                + "install them beside memchat as README's Install section shows"
        case .unreadable(let file, let reason): "\(file): cannot read the sentence encoder weights: \(reason)"
        case .notAnEncoderFile(let file):
            "\(file): not a sentence encoder weights file (bad magic); reinstall data/encoder/\(EncoderFile.name)"
        case .damaged(let file, let reason):
            "\(file): damaged sentence encoder weights (\(reason)); reinstall data/encoder/\(EncoderFile.name)"
        }
    }
}
