import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("verifierd run under systemd's notify socket")
struct SystemdNotifyTests {
  @Test("READY after the first claim, STATUS lines, WATCHDOG while healthy, STOPPING on SIGTERM")
  func lifecycle() async throws {
    try await withStack { stack in
      let listener = try NotifyListener()
      let path = try DaemonProcess.configFile(stack)
      var environment = DaemonProcess.secrets
      environment["NOTIFY_SOCKET"] = listener.name
      environment["WATCHDOG_USEC"] = "400000"
      let daemon = try RunningChild.start(
        DaemonProcess.verifierd, ["run", "--config", path], environment: environment)
      let starting = listener.receive(until: { $0.hasPrefix("READY=1") }, timeout: .seconds(60))
      #expect(starting.first?.hasPrefix("STATUS=starting") == true, "\(starting)")
      #expect(starting.last?.contains("\nSTATUS=running: 0 in flight") == true, "\(starting)")
      let running = listener.receive(until: { $0 == "WATCHDOG=1" }, timeout: .seconds(30))
      #expect(running.last == "WATCHDOG=1", "\(running)")
      let id = try await stack.insertFinicity(account: "7770001200", ref: "right")
      let customer = try await Customer.start(stack)
      do { try await stack.waitUntilFinished([id]) } catch {
        await customer.stop()
        daemon.send(SIGTERM)
        Issue.record("\(error); the daemon said: \(await daemon.wait().errors)")
        return
      }
      await customer.stop()
      let counted = listener.receive(
        until: { $0.hasPrefix("STATUS=running") && !$0.contains(" 0 job runs") },
        timeout: .seconds(30))
      #expect(counted.last?.hasPrefix("STATUS=running") == true, "\(counted)")
      daemon.send(SIGTERM)
      let stopping = listener.receive(until: { $0.hasPrefix("STOPPING=1") }, timeout: .seconds(30))
      #expect(stopping.last?.hasPrefix("STOPPING=1") == true, "\(stopping)")
      let result = await daemon.wait()
      #expect(result.status == 0, "\(result.errors)")
    }
  }

  @Test("a database with migrations pending is refused: exit 70, and no READY")
  func pendingMigrations() async throws {
    try await TestDatabase.with(migrated: false) { database in
      let listener = try NotifyListener()
      let daemon = try RunningChild.start(
        DaemonProcess.verifierd,
        ["run", "--database-url", database.configuration.connectionString ?? ""],
        environment: ["NOTIFY_SOCKET": listener.name, "VERIFIERD_METRICS_LISTEN": "127.0.0.1:0"])
      let result = await daemon.wait()
      #expect(result.status == 70, "\(result.errors)")
      #expect(result.errors.contains("run verifierd migrate"))
      let messages = listener.receive(until: { _ in false }, timeout: .milliseconds(1))
      #expect(!messages.contains { $0.contains("READY=1") })
    }
  }
}
