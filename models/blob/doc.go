// Package blob stores uploaded files (case materials, complaint photos,
// install packages) outside the database behind a small interface, so
// several portal processes can share one store (ARCHITECTURE §1). The
// default is a directory on disk; files are content-addressed by their SM3
// digest and written to a temporary file first, so a full disk or a crash
// never leaves half a file under a real key.
//
// It also recognises file types by their content (never by the extension
// a user chose) and checks that a file of a claimed type is not corrupt.
package blob
