package gateway

import (
	"encoding/hex"
	"encoding/json"
	"strconv"

	"github.com/zwfw/portal/models/masking"
)

func hexString(b []byte) string { return hex.EncodeToString(b) }

// stringFits checks a query-string value against a declared type.
func stringFits(typ, v string) bool {
	switch typ {
	case "integer":
		_, err := strconv.ParseInt(v, 10, 64)
		return err == nil
	case "number":
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	case "boolean":
		_, err := strconv.ParseBool(v)
		return err == nil
	case "object", "array":
		return json.Valid([]byte(v))
	}
	return true
}

// jsonFits checks a JSON value against a declared type.
func jsonFits(typ string, raw json.RawMessage) bool {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return false
	}
	switch typ {
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	}
	return true
}

// maskJSON masks, at any depth, the string values of the fields the rules
// name (8.3.4.5 → C 0131 6.4; reference.md §6).
func maskJSON(v any, rules []MaskRule) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok {
				for _, r := range rules {
					if r.Field == k {
						x[k] = masking.Mask(r.Kind, s)
					}
				}
				continue
			}
			maskJSON(val, rules)
		}
	case []any:
		for _, e := range x {
			maskJSON(e, rules)
		}
	}
}
