import Foundation
import SystemdSupport
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("sd_notify")
struct SystemdNotifierTests {
  @Test("messages reach a path socket and an abstract socket", arguments: [false, true])
  func messagesArrive(abstract: Bool) throws {
    let listener = try NotifyListener(abstract: abstract)
    let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.name])
    #expect(notifier.isActive)
    try notifier.ready(status: "claiming; 0 in flight")
    #expect(listener.receive() == "READY=1\nSTATUS=claiming; 0 in flight")
    try notifier.status("12 in flight")
    #expect(listener.receive() == "STATUS=12 in flight")
    try notifier.watchdog()
    #expect(listener.receive() == "WATCHDOG=1")
    try notifier.stopping()
    #expect(listener.receive() == "STOPPING=1")
    try notifier.reloading()
    let reloading = listener.receive()
    #expect(reloading.hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
  }

  @Test("without NOTIFY_SOCKET every call is a no-op")
  func noSocket() throws {
    let notifier = SystemdNotifier(environment: [:])
    #expect(!notifier.isActive)
    try notifier.ready()
    try notifier.watchdog()
    #expect(notifier.watchdogInterval == nil)
  }

  @Test("the watchdog pings at half of WATCHDOG_USEC, only for the process it names")
  func watchdogInterval() {
    #expect(
      SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"]).watchdogInterval == .seconds(15))
    #expect(
      SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], pid: 1)
        .watchdogInterval == .seconds(15))
    #expect(
      SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], pid: 2)
        .watchdogInterval == nil)
    #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogInterval == nil)
  }

  @Test("a receiver that stops reading never blocks the sender: the send fails instead")
  func fullReceiver() throws {
    let listener = try NotifyListener()
    let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.name])
    var sent = 0
    let error = #expect(throws: SystemdNotifyError.self) {
      while sent < 1_000_000 {
        try notifier.watchdog()
        sent += 1
      }
    }
    #expect(error?.code == EAGAIN)
    #expect(sent > 0)
    #expect(listener.receive() == "WATCHDOG=1")
  }

  @Test("a socket that is gone is reported, not ignored")
  func missingSocket() {
    let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/verifierd-notify"])
    #expect(throws: SystemdNotifyError.self) { try notifier.ready() }
  }
}
