package fetch

import (
	"fmt"
	"net/netip"
)

// BlockedError reports an address the client refuses to connect to.
type BlockedError struct {
	Addr   netip.Addr
	Reason string // "loopback", "private", ...
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("refusing to connect to %s, a %s address (--allow-private lets fetches reach the local network)", e.Addr, e.Reason)
}

// Ranges that are neither loopback, private, link-local, multicast nor
// unspecified by netip's methods, but still reach hosts that a URL from the
// internet must not reach.
var blockedPrefixes = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "this-network"},
	{netip.MustParsePrefix("100.64.0.0/10"), "carrier-grade NAT"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignment"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"}, // includes 255.255.255.255
	{netip.MustParsePrefix("fec0::/10"), "site-local"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "local NAT64"},
}

// blockReason says why addr may not be dialled by default, or "" if it may.
func blockReason(addr netip.Addr) string {
	// ::ffff:127.0.0.1 reaches 127.0.0.1: judge the IPv4 address inside.
	addr = addr.Unmap().WithZone("")
	switch {
	case !addr.IsValid():
		return "invalid"
	case addr.IsUnspecified():
		return "unspecified"
	case addr.IsLoopback():
		return "loopback"
	case addr.IsPrivate():
		return "private"
	case addr.IsLinkLocalUnicast():
		return "link-local"
	case addr.IsMulticast(), addr.IsLinkLocalMulticast(), addr.IsInterfaceLocalMulticast():
		return "multicast"
	}
	for _, b := range blockedPrefixes {
		if b.prefix.Contains(addr) {
			return b.reason
		}
	}
	return ""
}
