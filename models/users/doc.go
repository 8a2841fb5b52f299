// Package users owns accounts (C 0103 7.7 a): natural and legal persons,
// their credentials (argon2id password hashes), real-name trust levels
// (reference.md §5, C 0103 7.2 / 7.7 b) and the adapters that verify them,
// privacy consents (9.4 h), one-time verification codes and the notifier
// that delivers them, and the sign-in throttle. It imports nothing from the
// web layer; handlers/account*.go drive it.
//
// Secrets never reach a log line: passwords are hashed with argon2id before
// storage, codes and phone numbers are stored as SM3 hashes, and errors
// returned from this package never carry a password, a code or an ID number.
package users
