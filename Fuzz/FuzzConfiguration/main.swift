// The configuration loader: any file, any VERIFIERD_* environment, resolved into the daemon's
// RuntimeConfiguration or refused with problems. Checked: no trap, and a secret given in the
// environment appears in no problem, warning or rendering.
import Foundation
import FuzzSupport

@testable import VerifierConfiguration

/// Where this process writes each input's file (one per process, rewritten per input).
private let filePath = NSTemporaryDirectory() + "verifierd-fuzz-config-\(getpid()).json"
/// The value planted in every secret's variable when the input asks for secrets.
private let plantedSecret = "fuzz-planted-secret-7f3a9c51"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
  // Fields: the file's bytes, environment lines `NAME=VALUE`, and a flag byte (odd: plant every
  // secret in its variable).
  let fields = FuzzInput.fields(FuzzInput.bytes(data, count), limit: 3)
  guard FileManager.default.createFile(atPath: filePath, contents: Data(fields[0])) else {
    fatalError("FuzzConfiguration cannot write \(filePath)")
  }
  var environment: [String: String] = [:]
  for line in FuzzInput.text(fields[1]).split(separator: "\n") {
    guard let equals = line.firstIndex(of: "=") else { continue }
    environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
  }
  environment["CREDENTIALS_DIRECTORY"] = nil
  let plants = (fields[2].first ?? 0) % 2 == 1
  if plants {
    for key in ConfigurationKey.all where key.isSecret {
      environment[key.environmentName] = plantedSecret
    }
  }
  let sources = ConfigurationSources(filePath: filePath, environment: environment)
  let (loaded, problems): (LoadedConfiguration?, [String]) = FuzzInput.wait {
    do { return (try await ConfigurationLoader.load(sources), []) } catch let error
      as ConfigurationError
    {
      return (nil, error.problems + ["\(error)"])
    } catch {
      fatalError("property violated: the loader threw \(type(of: error)), not ConfigurationError")
    }
  }
  var printed = problems
  if let loaded {
    printed += [loaded.rendered, loaded.renderedJSON] + loaded.warnings
    FuzzInput.require(
      loaded.restartNeeded(comparedTo: loaded).isEmpty, "a configuration differs from itself")
  }
  if plants {
    FuzzInput.require(!printed.joined().contains(plantedSecret), "a secret was printed")
  }
  return 0
}
