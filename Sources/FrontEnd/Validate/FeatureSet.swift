/// A set of ``Feature``s as a bit mask, cheap enough to update on every operator.
public struct FeatureSet: Sendable, Equatable {
    private var bits: UInt32 = 0

    public init() {}

    public mutating func insert(_ feature: Feature) {
        bits |= feature.bit
    }

    public func contains(_ feature: Feature) -> Bool {
        bits & feature.bit != 0
    }

    public mutating func formUnion(_ other: FeatureSet) { bits |= other.bits }

    /// The features in declaration order, the MVP left out.
    public var proposals: [Feature] { Feature.allCases.filter { $0 != .mvp && contains($0) } }
}
