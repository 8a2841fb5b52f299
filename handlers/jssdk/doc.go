// Package jssdk is the portal side of the JSSDK of C 0103 8.3.2: the
// redirect flow at /jssdk/authorize (login if needed → the user's consent,
// 图1 用户是否授权 → back to the app with a ticket), the JSON endpoints the
// container page's script calls on behalf of a framed app, the user's list
// of authorised apps (/me/authorizations), and the web service apps' back
// ends call (/api/v1/jssdk/ticket/verify, /api/v1/jssdk/token/userinfo,
// authenticated by SM2 signature or whitelist, 8.3.4.4). Rules live in
// models/apps; this package decodes, calls and renders.
package jssdk
