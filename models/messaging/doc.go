// Package messaging sends personal messages by rule (C 0103 9.4 d: 消息应按
// 指定的业务规则发送). Every message comes from a named template (fixed
// wording, required parameters, a link), and Sender applies the rules
// before it reaches the user's inbox through usercenter.Notify:
//
//   - per-user rate limits: at most Limits.PerHour messages an hour and
//     Limits.PerDay a day per user; a message over the limit is dropped
//     (and recorded as dropped);
//   - quiet hours: nothing is delivered between 22:00 and 07:00 China
//     time; a message asked for then is deferred to 07:00 and delivered by
//     Flush, unless its template is urgent (security notices);
//   - every request is recorded in message_queue with its outcome.
package messaging
