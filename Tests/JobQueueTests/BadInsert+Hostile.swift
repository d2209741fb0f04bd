import TestSupport

extension BadInsert {
  /// Inserts a hostile application makes: blanks of other white space, control characters,
  /// padded identifiers and routing numbers no bank has (issue 10's corpus, by class).
  static let hostile: [BadInsert] = [
    BadInsert(
      "receiver name of tabs and newlines", set: ["receiver_name": "\t\n\t"],
      column: "receiver_name", says: "must not be empty"),
    BadInsert(
      "receiver name of no-break and ideographic spaces",
      set: ["receiver_name": "\u{00A0}\u{3000}\u{2007}"], column: "receiver_name",
      says: "must not be empty"),
    BadInsert(
      "customer id of a zero-width space and a byte-order mark",
      set: ["customer_id": "\u{200B}\u{FEFF}"], column: "customer_id", says: "must not be empty"),
    BadInsert(
      "Folio owner of an em space", goodFolio, set: ["owner_login_id": "\u{2003}"],
      column: "owner_login_id", says: "must not be empty"),
    BadInsert(
      "external reference of a line separator", set: ["external_ref": "\u{2028}"],
      column: "external_ref", says: "must not be empty"),
    BadInsert(
      "receiver name with an escape sequence", set: ["receiver_name": "Jane \u{1B}[31mDoe"],
      column: "receiver_name", says: "must not contain control characters"),
    BadInsert(
      "receiver name with a newline", set: ["receiver_name": "Jane\nDoe"],
      column: "receiver_name", says: "must not contain control characters"),
    BadInsert(
      "customer id with DEL", set: ["customer_id": "cust\u{7F}1"], column: "customer_id",
      says: "must not contain control characters"),
    BadInsert(
      "customer id with a C1 control", set: ["customer_id": "cust\u{9B}1"],
      column: "customer_id", says: "must not contain control characters"),
    BadInsert(
      "receiver name with a right-to-left override", set: ["receiver_name": "Jane\u{202E}eoD"],
      column: "receiver_name", says: "must not contain control characters"),
    BadInsert(
      "bank link with a tab inside", goodFolio, set: ["bank_link_oid": "BL\t1"],
      column: "bank_link_oid", says: "must not contain control characters"),
    BadInsert(
      "external reference with a first-strong isolate", set: ["external_ref": "order\u{2068}1"],
      column: "external_ref", says: "must not contain control characters"),
    BadInsert(
      "customer id with a leading space", set: ["customer_id": " cust-1"], column: "customer_id",
      says: "must not start with white space"),
    BadInsert(
      "customer id with a trailing no-break space", set: ["customer_id": "cust-1\u{00A0}"],
      column: "customer_id", says: "must not end with white space"),
    BadInsert(
      "external reference with a trailing space", set: ["external_ref": "order-1 "],
      column: "external_ref", says: "must not end with white space"),
    BadInsert(
      "Folio account number with a leading ideographic space", goodFolio,
      set: ["folio_account_number": "\u{3000}F100"], column: "folio_account_number",
      says: "must not start with white space"),
    BadInsert(
      "bank link with a trailing space", goodFolio, set: ["bank_link_oid": "BL-1 "],
      column: "bank_link_oid", says: "must not end with white space"),
    BadInsert(
      "owner login with a leading space", goodFolio, set: ["owner_login_id": " owner-1"],
      column: "owner_login_id", says: "must not start with white space"),
    BadInsert(
      "the all-zero routing number (it passes the checksum)",
      set: ["routing_number": "000000000"], column: "routing_number",
      says: "prefix no bank can have"),
    BadInsert(
      "a routing number with an unassigned prefix", set: ["routing_number": "990000000"],
      column: "routing_number", says: "prefix no bank can have"),
    BadInsert(
      "a routing number with the government's prefix", set: ["routing_number": "000000518"],
      column: "routing_number", says: "prefix no bank can have"),
  ]
}
