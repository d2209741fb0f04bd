import ArgumentParser
import Foundation
import VerifierConfiguration

/// `verifierd check-config`: prints the effective configuration, secrets redacted, or names each
/// bad key and exits 78.
struct CheckConfigCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-config",
    abstract: "Print the effective configuration (secrets redacted), or every problem in it.",
    discussion: """
      Resolves the configuration exactly as `verifierd run` would: the file, then VERIFIERD_* \
      environment variables over it, secrets from $CREDENTIALS_DIRECTORY or the environment. \
      Prints one line per key with its value and where it came from; secrets show as <redacted>. \
      Warnings (unknown VERIFIERD_* variables, secrets set nowhere) go to standard error. Exit \
      status: 0 valid; 78 (EX_CONFIG) not valid, with each bad key and why on standard error.
      """
  )

  @OptionGroup var config: ConfigOptions

  @Flag(help: "Print JSON ({key: {value, origin, live, secret}}) instead of lines.")
  var json = false

  @Flag(help: "Print the reference of every key (Markdown) and exit.")
  var keys = false

  func run() async throws {
    if keys {
      print(ConfigurationKey.referenceTable)
      return
    }
    let loaded = try await config.load("check-config")
    print(json ? loaded.renderedJSON : loaded.rendered)
    for warning in loaded.warnings {
      FileHandleStream.standardError.write("warning: \(warning)\n")
    }
  }
}
