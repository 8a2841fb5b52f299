package catalog

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/zwfw/portal/models"
)

// ScaleCommand runs `portal seed scale [--items N] [--batch N]`, printing the
// rate (items/s) every few seconds and at the end.
func ScaleCommand(ctx context.Context, st *models.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("seed scale", flag.ContinueOnError)
	fs.SetOutput(out)
	items := fs.Int("items", 1000000, "number of synthetic implementation items to write")
	size := fs.Int("batch", 10000, "items per transaction")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *items <= 0 {
		return fmt.Errorf("seed scale: --items must be positive")
	}
	var last time.Duration
	res, err := GenerateScale(ctx, st, ScaleOptions{Items: *items, Batch: *size,
		Progress: func(done int, elapsed time.Duration) {
			if elapsed-last >= 3*time.Second {
				last = elapsed
				fmt.Fprintf(out, "scale: %d/%d items, %.0f items/s\n", done, *items, float64(done)/elapsed.Seconds())
			}
		}})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "scale: wrote %d items (%d rows with materials, fees, steps and FAQs) into %s in %s: %.0f items/s\n",
		res.Items, res.Rows, st.Dialect, res.Took.Round(time.Millisecond), res.ItemsPerSecond())
	return nil
}
