// Package wechat holds what the portal needs from the WeChat JS-SDK to set
// the title, description, link and image that a page shows when shared
// inside WeChat (C 0103 6.1 f): the signature of wx.config (SHA-1 over
// jsapi_ticket, noncestr, timestamp and url, as the JS-SDK documentation
// specifies in its appendix 1), and a ticket source that fetches and caches
// the access token and jsapi_ticket with the official account's AppID and
// AppSecret. Nothing here runs unless those credentials are configured
// (PORTAL_WECHAT_APPID, PORTAL_WECHAT_SECRET or PORTAL_WECHAT_SECRET_FILE).
package wechat
