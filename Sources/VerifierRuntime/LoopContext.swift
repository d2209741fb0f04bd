import Dispatch
import JobQueue
import Verification
import VerifierConfiguration

/// Everything the run loop changes as it goes, kept in one ``QueueBound`` so that it is reached on
/// the loop's queue only: the bookkeeping (``LoopState``), the running configuration and what is
/// built from it, the timers, the systemd health, and the continuation ``VerifierRuntime/run(handleSignals:)``
/// waits on.
struct LoopContext {
  var configuration: RuntimeConfiguration
  var loaded: LoadedConfiguration?
  var machine: VerificationMachine
  var gateway: ProviderGateway
  var state: LoopState
  var health: LoopHealth
  var listener: PGListener?
  var pollTimer: DispatchSourceTimer?
  var pollDeadline: DispatchTime?
  var sweepTimer: DispatchSourceTimer?
  var renewTimer: DispatchSourceTimer?
  var watchdogTimer: DispatchSourceTimer?
  var signalSources: [DispatchSourceSignal] = []
  var drained: CheckedContinuation<Void, Never>?
  var notifyFailing = false
}
