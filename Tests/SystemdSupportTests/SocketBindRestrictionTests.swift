import SystemdSupport
import Testing

@Suite("SocketBindDeny probe")
struct SocketBindRestrictionTests {
  /// Outside a unit nothing restricts binding; the refused case is shown under a real systemd
  /// that enforces it (scripts/systemd-test with VERIFIERD_SYSTEMD_SUITE=trixie).
  @Test("outside systemd an ephemeral loopback bind works: not enforced")
  func notEnforcedOutsideSystemd() {
    #expect(SocketBindRestriction.probe() == .notEnforced)
  }
}
