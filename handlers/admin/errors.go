package admin

import (
	"context"
	"errors"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/views/components"
)

// postedValues returns the submitted form without its CSRF token.
func postedValues(c echo.Context) url.Values {
	vals, err := c.FormParams()
	if err != nil {
		vals = url.Values{}
	}
	vals.Del("_csrf")
	return vals
}

// postedForm is the submitted form, ready to be shown again.
func postedForm(c echo.Context) *components.Form { return components.NewForm(postedValues(c)) }

// inOrder merges the form's own errors (unreadable numbers and dates) with
// a model's validation error into one form whose messages follow the
// fields' order on the page, so the error summary reads top to bottom.
func inOrder(ctx context.Context, vals url.Values, f *components.Form, err error, order []string) *components.Form {
	var ve *models.ValidationError
	if !errors.As(err, &ve) {
		ve = &models.ValidationError{}
	}
	out := components.NewForm(vals)
	for _, name := range order {
		if msg := f.Error(name); msg != "" {
			out.Fail(name, msg)
		} else if key := ve.Fields[name]; key != "" {
			out.Fail(name, locales.T(ctx, key))
		}
	}
	for _, name := range ve.Order { // fields not on the list, last
		if key := ve.Fields[name]; out.Error(name) == "" {
			out.Fail(name, locales.T(ctx, key))
		}
	}
	return out
}
