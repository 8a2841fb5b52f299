// Command demoapp is a small embedded government app that shows how an app
// integrates with the portal (C 0103 8.3.2, issue 9 §7): its page loads
// /jssdk/index.js from the portal and asks for a ticket; its back end
// exchanges the ticket with SM2-signed calls (package sdk) and shows the
// decrypted name, masked as 8.3.4.5 requires.
//
//	demoapp keygen -dir DIR          write app.key.pem and app.pub.pem
//	demoapp -addr 127.0.0.1:9000 -portal http://127.0.0.1:8080 \
//	        -app-id zwa… -sm4-key HEX -sm2-private-key DIR/app.key.pem
//
// Register it first: portal apps create --name 演示应用 --type identity
// --entry-url http://127.0.0.1:9000/ --sm2-public-key DIR/app.pub.pem
package main

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/zwfw/portal/cmd/demoapp/demo"
	"github.com/zwfw/portal/models/gmcrypto"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "demoapp:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "keygen" {
		return keygen(args[1:], stdout)
	}
	fs := flag.NewFlagSet("demoapp", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:9000", "listen address")
	portal := fs.String("portal", "http://127.0.0.1:8080", "the portal's origin as browsers and this server reach it")
	appID := fs.String("app-id", os.Getenv("DEMOAPP_APP_ID"), "app_id printed by `portal apps create`")
	sm4Hex := fs.String("sm4-key", os.Getenv("DEMOAPP_SM4_KEY"), "SM4 key (hex) printed by `portal apps create`")
	keyFile := fs.String("sm2-private-key", os.Getenv("DEMOAPP_SM2_KEY_FILE"), "the app's SM2 private key (PKCS#8 PEM)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := demo.Config{PortalURL: *portal, AppID: *appID}
	var err error
	if cfg.SM4Key, err = hex.DecodeString(*sm4Hex); err != nil || len(cfg.SM4Key) != 16 {
		return errors.New("-sm4-key must be the 32 hex digits printed by `portal apps create`")
	}
	pemBytes, err := os.ReadFile(*keyFile) // #nosec G304 G703 -- the operator's own -sm2-private-key flag
	if err != nil {
		return fmt.Errorf("-sm2-private-key: %w", err)
	}
	if cfg.PrivateKey, err = gmcrypto.ParsePrivateKeyPEM(pemBytes); err != nil {
		return err
	}
	h, err := demo.NewHandler(cfg)
	if err != nil {
		return err
	}
	srv := &http.Server{Addr: *addr, Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { // #nosec G118 -- shutdown on SIGINT needs a fresh context: ctx is already done
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut) // #nosec G104 -- exiting anyway; ListenAndServe reports the close
	}()
	fmt.Fprintf(stdout, "demo app on http://%s (portal %s)\n", *addr, *portal)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// keygen writes a fresh SM2 key pair for the app.
func keygen(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	dir := fs.String("dir", ".", "where to write app.key.pem and app.pub.pem")
	if err := fs.Parse(args); err != nil {
		return err
	}
	kp, err := gmcrypto.GenerateKeyPair()
	if err != nil {
		return err
	}
	priv, err := kp.PrivateKeyPEM()
	if err != nil {
		return err
	}
	pub, err := kp.PublicKeyPEM()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*dir, "app.key.pem"), priv, 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*dir, "app.pub.pem"), pub, 0o644); err != nil { // #nosec G306 -- a public key, for the portal operator to read
		return err
	}
	fmt.Fprintf(stdout, "wrote %s and %s\n", filepath.Join(*dir, "app.key.pem"), filepath.Join(*dir, "app.pub.pem"))
	return nil
}
