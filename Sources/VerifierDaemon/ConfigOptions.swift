import ArgumentParser
import Foundation
import VerifierConfiguration

/// `--config`: the JSON configuration file, overridden by `VERIFIERD_*` variables, with secrets
/// from `$CREDENTIALS_DIRECTORY` (see config/README.md).
struct ConfigOptions: ParsableArguments {
  @Option(
    name: .customLong("config"),
    help: ArgumentHelp(
      "The JSON configuration file (default: none, so defaults and VERIFIERD_* only).",
      valueName: "path"))
  var path: String?

  init() {}

  /// Options naming `path` (commands that take `--config` among other options).
  init(path: String?) { self.path = path }

  /// Where the configuration comes from.
  var sources: ConfigurationSources { ConfigurationSources(filePath: path) }

  /// Loads the configuration, or prints every problem to standard error and exits 78
  /// (EX_CONFIG).
  func load(_ command: String) async throws -> LoadedConfiguration {
    do {
      return try await ConfigurationLoader.load(sources)
    } catch let error as ConfigurationError {
      var text = "verifierd \(command): the configuration is not valid "
      text += "(\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s")):\n"
      for problem in error.problems { text += "  \(problem)\n" }
      FileHandleStream.standardError.write(text)
      throw ExitCode(78)
    }
  }
}
