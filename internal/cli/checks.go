package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"strconv"

	"github.com/spf13/cobra"
)

// checkFlags checks the flags that name the project folder or an address, for every command
// that has them, so that a wrong one is a usage error before any work starts.
func checkFlags(cmd *cobra.Command) error {
	var err error
	if f := cmd.Flags().Lookup("fuente"); f != nil {
		err = checkSource(f.Value.String())
	}
	if f := cmd.Flags().Lookup("direccion"); f != nil && err == nil {
		err = checkAddr(f.Value.String())
	}
	var usage usageError
	if errors.As(err, &usage) {
		usage.hint = fmt.Sprintf("Vea las opciones con «%s --help».", cmd.CommandPath())
		return usage
	}
	return err
}

func checkSource(dir string) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usagef("--fuente: la carpeta %s no existe — indique la carpeta del proyecto, la que tiene procedure.yaml", dir)
	case err != nil:
		return usagef("--fuente: no se puede abrir %s (%s) — indique una carpeta que pueda leer", dir, reason(err))
	case !info.IsDir():
		return usagef("--fuente: %s es un archivo, no una carpeta — indique la carpeta que tiene procedure.yaml, no el archivo", dir)
	}
	return nil
}

// checkAddr accepts only a local address with a port number: pauta serve shows a draft and
// is not meant to be reached from other computers.
func checkAddr(addr string) error {
	const how = " — escriba la dirección como 127.0.0.1:PUERTO, p. ej. --direccion 127.0.0.1:8080"
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--direccion %q no es una dirección con puerto%s", addr, how)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return usagef("--direccion %q: el puerto %q no es un número de 0 a 65535%s", addr, port, how)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return usagef("--direccion %q: %q no es una dirección local%s", addr, host, how)
	}
	return nil
}
