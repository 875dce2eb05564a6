import Foundation

extension BilingualText {
    /// The text in `lang`.
    public func callAsFunction(_ lang: Language) -> String { lang == .en ? en : de }
}
