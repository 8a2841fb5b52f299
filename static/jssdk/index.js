/* lightAppJssdk: built by the embedded-apps issue (C 0103 8.3.2). */
