// Package wxsdk embeds the WeChat JS-SDK (jweixin, npm weixin-js-sdk,
// pinned in package.json and package-lock.json). handlers/share.go serves it
// only to pages shown inside WeChat when WeChat credentials are configured,
// so that a shared page carries its title, description and image; no other
// visitor downloads it.
//
// Third-party code is never committed: `make generate` copies the npm file
// into dist/ (git-ignored). A build made without `npm ci` has no SDK;
// Script then returns nil and WeChat users share through the share page.
package wxsdk

import "embed"

// Version is the pinned weixin-js-sdk version (part of the served URL).
const Version = "1.6.5"

//go:embed all:dist
var dist embed.FS

// Script is the npm package's CommonJS module made runnable as a classic
// <script>: the module gets a local `module` object and, as jweixin does in
// a browser, sets window.wx. Nil when the build carries no SDK.
func Script() []byte {
	src, err := dist.ReadFile("dist/jweixin.js")
	if err != nil {
		return nil
	}
	out := append([]byte("(function(){var module={exports:{}};\n"), src...)
	return append(out, []byte("\n})();\n")...)
}
