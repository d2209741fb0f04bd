/// A seedable generator (SplitMix64) so every sandbox run with the same seed behaves the same.
struct SandboxRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// True with probability `fraction` (0 never draws, so a zero fraction costs no randomness).
  mutating func chance(_ fraction: Double) -> Bool {
    guard fraction > 0 else { return false }
    if fraction >= 1 { return true }
    return Double.random(in: 0..<1, using: &self) < fraction
  }
}
