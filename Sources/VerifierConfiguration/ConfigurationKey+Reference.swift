extension ConfigurationKey {
  /// Every key as a Markdown table: name and override variable, type and range, default,
  /// whether SIGHUP applies it, and what it does (`verifierd check-config --keys`;
  /// `config/README.md` carries its output).
  public static var referenceTable: String {
    var lines = [
      "| Key / variable | Type and range | Default | Reload | Meaning |",
      "|---|---|---|---|---|",
    ]
    for key in all {
      var name = "`\(key.name)`<br>`\(key.environmentName)`"
      if let credential = key.credentialName { name += "<br>credential `\(credential)`" }
      let type = key.isSecret ? "**secret**" : key.kind.expectation
      lines.append(
        "| \(name) | \(type) | \(key.defaultText) | \(key.live ? "SIGHUP" : "restart") | "
          + "\(key.summary) |")
    }
    return lines.joined(separator: "\n")
  }
}
