import Foundation
import ProviderSandbox
import Testing

/// Fault draws come from the seeded generator: the same seed gives the same mix.
@Suite struct FaultDeterminismTests {
  func statuses(seed: UInt64) async -> [Int] {
    let engine = SandboxEngine(
      configuration: SandboxConfiguration(
        faults: SandboxFaults(serverErrorFraction: 0.5), seed: seed))
    var statuses: [Int] = []
    for _ in 0..<40 {
      let plan = await engine.handle(
        SandboxRequest(
          method: "GET", path: "/aggregation/v1/customers/1/accounts", query: "", headers: [:],
          body: []))
      if case .respond(let response) = plan.action { statuses.append(response.status) }
    }
    return statuses
  }

  @Test func sameSeedSameFaults() async {
    let first = await statuses(seed: 9)
    let second = await statuses(seed: 9)
    #expect(first == second)
    #expect(first.count == 40)
    // Half the calls draw a 503, the rest reach the app-key check (401, no key sent).
    #expect(first.contains(503) && first.contains(401))
    #expect(Set(first) == [503, 401])
  }
}
