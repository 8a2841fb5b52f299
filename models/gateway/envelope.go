package gateway

import (
	"encoding/json"
	"net/http"
	"time"
)

// Result codes of the process_response envelope (C 0103 8.3.4.2, example 7).
const (
	ResultOK         = "100" // 处理成功
	ResultFailed     = "102" // 处理失败
	ResultProcessing = "103" // 处理中
)

// Envelope is the body of every answer the gateway makes itself.
type Envelope struct {
	Response Process `json:"process_response"`
}

// Process is the process_response object.
type Process struct {
	ResultCode string `json:"result_code"`
	ErrorCode  string `json:"error_code"`
	ErrorMsg   string `json:"error_msg"`
	Date       string `json:"date"` // YYYY-MM-DD, Beijing time
}

var beijing = time.FixedZone("CST", 8*3600)

// Failure is a refusal or failure of the gateway: a stable error_code, the
// HTTP status and the message (Chinese, the standard's language; the code
// is what consumers program against).
type Failure struct {
	Code   string
	Status int
	Msg    string
}

func (f *Failure) Error() string { return "gateway: " + f.Code }

// Envelope is the failure as a process_response with result_code 102.
func (f *Failure) Envelope(now time.Time) Envelope {
	return Envelope{Process{ResultCode: ResultFailed, ErrorCode: f.Code, ErrorMsg: f.Msg, Date: now.In(beijing).Format("2006-01-02")}}
}

// JSON is the failure's envelope, encoded.
func (f *Failure) JSON(now time.Time) []byte {
	b, _ := json.Marshal(f.Envelope(now))
	return b
}

// Every failure, each with its own error_code.
var (
	ErrUnknownInterface = &Failure{"interface_unknown", http.StatusNotFound, "接口不存在或未审核通过"}
	ErrInterfaceOff     = &Failure{"interface_disabled", http.StatusServiceUnavailable, "接口已停用"}
	ErrMethod           = &Failure{"method_not_allowed", http.StatusMethodNotAllowed, "请求方式与接口登记的不一致"}
	ErrAppID            = &Failure{"app_id_missing", http.StatusUnauthorized, "缺少请求头 X-App-Id"}
	ErrAppUnknown       = &Failure{"app_unknown", http.StatusUnauthorized, "未知的应用标识"}
	ErrAppOffline       = &Failure{"app_offline", http.StatusForbidden, "应用未上线或已下线"}
	ErrSignatureMissing = &Failure{"signature_required", http.StatusUnauthorized, "此接口要求 SM2 签名"}
	ErrSignature        = &Failure{"signature_invalid", http.StatusUnauthorized, "签名验证失败"}
	ErrTimestamp        = &Failure{"timestamp_stale", http.StatusUnauthorized, "时间戳缺失或与平台时间相差超过 300 秒"}
	ErrNonce            = &Failure{"nonce_invalid", http.StatusBadRequest, "随机数格式不正确"}
	ErrNonceReused      = &Failure{"nonce_reused", http.StatusUnauthorized, "随机数在 10 分钟内已使用过"}
	ErrNotWhitelisted   = &Failure{"not_whitelisted", http.StatusForbidden, "来源地址不在应用白名单内"}
	ErrNotConsumer      = &Failure{"consumer_forbidden", http.StatusForbidden, "应用无权调用此接口"}
	ErrToken            = &Failure{"user_token_invalid", http.StatusUnauthorized, "用户令牌无效、已过期或不属于此应用"}
	ErrRateLimited      = &Failure{"rate_limited", http.StatusTooManyRequests, "调用过于频繁，请稍后重试"}
	ErrBadJSON          = &Failure{"request_not_json", http.StatusBadRequest, "请求正文不是 JSON 对象"}
	ErrParamMissing     = &Failure{"param_missing", http.StatusBadRequest, "缺少必填参数"}
	ErrParamType        = &Failure{"param_invalid", http.StatusBadRequest, "参数类型不正确"}
	ErrTooLarge         = &Failure{"request_too_large", http.StatusRequestEntityTooLarge, "请求正文过大"}
	ErrCircuitOpen      = &Failure{"circuit_open", http.StatusServiceUnavailable, "接口连续出错，已暂停转发，请稍后重试"}
	ErrUpstreamTimeout  = &Failure{"upstream_timeout", http.StatusGatewayTimeout, "源接口响应超时"}
	ErrUpstreamDown     = &Failure{"upstream_unreachable", http.StatusBadGateway, "无法连接源接口"}
	ErrUpstreamBlocked  = &Failure{"upstream_forbidden_address", http.StatusBadGateway, "源接口地址指向内部网络，已拒绝"}
	ErrUpstreamStatus   = &Failure{"upstream_error", http.StatusBadGateway, "源接口返回错误状态"}
	ErrUpstreamNotJSON  = &Failure{"upstream_not_json", http.StatusBadGateway, "源接口返回的不是 JSON"}
	ErrUpstreamEnvelope = &Failure{"upstream_bad_envelope", http.StatusBadGateway, "源接口返回缺少 process_response 或 result_code 不正确"}
	ErrUpstreamTooLarge = &Failure{"upstream_too_large", http.StatusBadGateway, "源接口返回内容超过大小限制"}
	ErrInternal         = &Failure{"internal_error", http.StatusInternalServerError, "平台内部错误，请稍后重试"}
)

// Failures lists every failure (documentation and tests).
var Failures = []*Failure{ErrUnknownInterface, ErrInterfaceOff, ErrMethod, ErrAppID, ErrAppUnknown, ErrAppOffline,
	ErrSignatureMissing, ErrSignature, ErrTimestamp, ErrNonce, ErrNonceReused, ErrNotWhitelisted, ErrNotConsumer, ErrToken,
	ErrRateLimited, ErrBadJSON, ErrParamMissing, ErrParamType, ErrTooLarge, ErrCircuitOpen, ErrUpstreamTimeout,
	ErrUpstreamDown, ErrUpstreamBlocked, ErrUpstreamStatus, ErrUpstreamNotJSON, ErrUpstreamEnvelope, ErrUpstreamTooLarge, ErrInternal}
