import Foundation
import JobQueue
import TestSupport
import Testing
import VerifierRuntime

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Signals: SIGHUP reloads without dropping work")
struct SignalTests {
  @Test(
    "SIGHUP reloads mid-flight, names what needs a restart; every job finishes; SIGTERM exits 0")
  func reload() async throws {
    try await withStack { stack in
      try await stack.control("PUT", "/_sandbox/faults", ["latencyMs": 500])
      let path = try DaemonProcess.configFile(stack, ["max_in_flight": 2])
      let daemon = try DaemonProcess.start(config: path)
      let customer = try await Customer.start(stack)
      var ids: [Int64] = []
      for index in 0..<4 {
        ids.append(try await stack.insertFinicity(account: "6660\(index)200", ref: "right"))
      }
      try await stack.waitFor("a call in flight") {
        try await stack.counter("finicityInitiateRequests") >= 1
      }
      _ = try DaemonProcess.configFile(
        stack, ["max_in_flight": 8, "listen": false, "log": ["level": "debug"]], at: path)
      daemon.send(SIGHUP)
      try await stack.waitUntilFinished(ids)
      daemon.send(SIGTERM)
      let result = await daemon.wait()
      await customer.stop()
      #expect(result.status == 0, "\(result.errors)")
      #expect(result.errors.contains("configuration reloaded"))
      #expect(result.errors.contains("applied=max_in_flight"), "\(result.errors)")
      #expect(result.errors.contains("restart_needed=listen"), "\(result.errors)")
      // The log level follows the reload: no debug line before it, debug lines after it.
      let reloadAt = result.errors.range(of: "configuration reloaded")
      #expect(reloadAt.map { !result.errors[..<$0.lowerBound].contains("level=debug") } == true)
      #expect(reloadAt.map { result.errors[$0.upperBound...].contains("level=debug") } == true)
      for id in ids { #expect(try await stack.job(id).state == "verified") }
      #expect(try await stack.counter("finicityInitiateRequests") == ids.count)
    }
  }
}
