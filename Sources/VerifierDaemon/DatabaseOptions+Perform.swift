import ArgumentParser
import JobQueue

extension DatabaseOptions {
  /// Runs a command's database work, turning database errors into a one-line message on standard
  /// error and the documented exit status: 69 when the database cannot be reached, 70 otherwise.
  func perform<T>(_ command: String, _ body: (PGConnection) async throws -> T) async throws -> T {
    let connection = PGConnection(configuration: try await configuration(command))
    do {
      return try await body(connection)
    } catch let error as PGError {
      FileHandleStream.standardError.write("verifierd \(command): \(error)\n")
      throw ExitCode(error.isConnectionProblem ? 69 : 70)
    }
  }
}
