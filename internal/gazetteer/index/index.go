// Package index is the on-disk form of the gazetteer: a Zstandard-compressed binary file (package zst)
// of fixed-size place records and a sorted table of name keys, each with the places
// it names. The generator (internal/gazetteer/gen) writes it with Write; the
// gazetteer reads it with Read, which copies nothing but the decompressed bytes, so
// loading costs one pass of gunzip.
//
// Layout after decompression (integers little-endian; offsets are rebuilt on load
// from the length bytes, which keeps the file small):
//
//	magic "SITREPGZ" | version u32 | nEntries u32 | nKeys u32 | nPostings u32 |
//	nCodes u32 + (u8 len + bytes)* | names (u8 len + bytes)*nEntries |
//	entries nEntries*entrySize | keys (u8 len + bytes)*nKeys |
//	counts u8*nKeys (255: the count follows in overflow) | nOverflow u32 + u32* |
//	postings u32*nPostings | nRefs u32 + (entry u32 + u8 len + bytes)*nRefs
package index

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/sitrep/sitrep/internal/zst"
)

const (
	magic     = "SITREPGZ"
	version   = 4
	entrySize = 24
)

// Posting flags, in the low bits of each posting; the entry index is above them.
const (
	// Fuzzy marks a key that is only a Skeleton of one of the place's names.
	Fuzzy = 1 << iota
	// Demonym marks an adjective or people's name (Russian, Ukrainians).
	Demonym
	// Abbr marks an abbreviation (US, U.K., Calif.): it counts only when written in
	// capitals or with its dot.
	Abbr
	// Alt marks an alternate name rather than the place's own.
	Alt
	flagBits = 4
)

// Source bits of an entry.
const (
	SrcGeoNames   = 1 << iota // GeoNames cities500
	SrcUARegister             // Ukrainian settlement register (KATOTTH + OSM)
	SrcNatEarth               // Natural Earth admin-1 or rivers
	SrcStateReg               // Ukrainian state register of geographic names
	SrcCurated                // the curated table
	SrcCountries              // country table
	SrcUAAdmin                // Ukrainian raion boundaries (ua-admin-2020)
)

// Entry is one place.
type Entry struct {
	ID      int64   // GeoNames id, 0 when the place has none
	Name    string  // preferred English name
	Lat     float64 // degrees
	Lon     float64
	Class   byte   // GeoNames feature class: A, P, H, L, T, S, V
	Code    string // GeoNames feature code: PPL, PPLC, ADM1, PCLI, STM, CONT, RGN...
	Country string // ISO 3166-1 alpha-2; "" for continents and seas
	Admin1  string // GeoNames admin1 code within the country ("07" for Kharkiv)
	Pop     int64
	Source  uint8
	// Ref is a stable identifier from the source for places GeoNames does not
	// number ("srgn:F-551", a register number of the State Register of
	// Geographic Names of Ukraine); "" for most entries.
	Ref string
}

// Builder collects entries and names for Write.
type Builder struct {
	Entries []Entry
	keys    map[string][]uint32
}

// Add appends an entry and returns its index.
func (b *Builder) Add(e Entry) int {
	b.Entries = append(b.Entries, e)
	return len(b.Entries) - 1
}

// Name files key under entry i with flags. A key already filed for i keeps the
// strongest reading (see weaker).
func (b *Builder) Name(i int, key string, flags uint32) {
	if key == "" {
		return
	}
	if b.keys == nil {
		b.keys = map[string][]uint32{}
	}
	p := uint32(i)<<flagBits | flags
	list := b.keys[key]
	for j, q := range list {
		if q>>flagBits == uint32(i) {
			if weaker(q&(1<<flagBits-1), flags) {
				list[j] = p
			}
			return
		}
	}
	b.keys[key] = append(list, p)
}

// weaker reports whether reading a is weaker than b: a skeleton is weaker than
// any spelling, and otherwise more flags make a weaker reading.
func weaker(a, b uint32) bool {
	if a&Fuzzy != b&Fuzzy {
		return a&Fuzzy != 0
	}
	return bitsCount(b) < bitsCount(a)
}

func bitsCount(x uint32) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// Keys reports how many distinct keys were filed.
func (b *Builder) Keys() int { return len(b.keys) }

// Write encodes the index, gzip-compressed, to w.
func (b *Builder) Write(w io.Writer) error {
	codes := []string{""}
	codeIdx := map[string]uint16{"": 0}
	code := func(s string) uint16 {
		if i, ok := codeIdx[s]; ok {
			return i
		}
		codes = append(codes, s)
		codeIdx[s] = uint16(len(codes) - 1)
		return uint16(len(codes) - 1)
	}
	var nameBuf bytes.Buffer
	ents := make([]byte, 0, len(b.Entries)*entrySize)
	for _, e := range b.Entries {
		if e.ID < 0 || e.ID > 1<<32-1 || e.Pop < 0 || e.Pop > 1<<32-1 {
			return fmt.Errorf("entry %q out of range", e.Name)
		}
		name := e.Name
		if len(name) > 255 {
			name = name[:255]
		}
		nameBuf.WriteByte(byte(len(name)))
		nameBuf.WriteString(name)
		var r [entrySize]byte
		binary.LittleEndian.PutUint32(r[0:], uint32(e.ID))
		binary.LittleEndian.PutUint32(r[4:], uint32(int32(round(e.Lat*1e5))))
		binary.LittleEndian.PutUint32(r[8:], uint32(int32(round(e.Lon*1e5))))
		binary.LittleEndian.PutUint32(r[12:], uint32(e.Pop))
		binary.LittleEndian.PutUint16(r[16:], code(e.Code))
		binary.LittleEndian.PutUint16(r[18:], code(e.Country))
		binary.LittleEndian.PutUint16(r[20:], code(e.Admin1))
		r[22] = e.Class
		r[23] = e.Source
		ents = append(ents, r[:]...)
	}
	if len(codes) > 1<<16 {
		return errors.New("too many distinct codes")
	}
	keys := make([]string, 0, len(b.keys))
	for k := range b.keys {
		if len(k) > 255 {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var (
		keyBuf   bytes.Buffer
		counts   = make([]byte, 0, len(keys))
		overflow []uint32
		posts    []uint32
	)
	for _, k := range keys {
		keyBuf.WriteByte(byte(len(k)))
		keyBuf.WriteString(k)
		list := b.keys[k]
		sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
		if len(list) >= 255 {
			counts = append(counts, 255)
			overflow = append(overflow, uint32(len(list)))
		} else {
			counts = append(counts, byte(len(list)))
		}
		posts = append(posts, list...)
	}

	var raw bytes.Buffer
	bw := bufio.NewWriterSize(&raw, 1<<20)
	le := binary.LittleEndian
	u32 := func(v uint32) { _ = binary.Write(bw, le, v) }
	bw.WriteString(magic)
	u32(version)
	u32(uint32(len(b.Entries)))
	u32(uint32(len(keys)))
	u32(uint32(len(posts)))
	u32(uint32(len(codes)))
	for _, c := range codes {
		bw.WriteByte(byte(len(c)))
		bw.WriteString(c)
	}
	bw.Write(nameBuf.Bytes())
	bw.Write(ents)
	bw.Write(keyBuf.Bytes())
	bw.Write(counts)
	u32(uint32(len(overflow)))
	if err := binary.Write(bw, le, overflow); err != nil {
		return err
	}
	if err := binary.Write(bw, le, posts); err != nil {
		return err
	}
	var refs []int
	for i, e := range b.Entries {
		if e.Ref != "" {
			refs = append(refs, i)
		}
	}
	u32(uint32(len(refs)))
	for _, i := range refs {
		ref := b.Entries[i].Ref
		if len(ref) > 255 {
			return fmt.Errorf("entry %q: ref too long", b.Entries[i].Name)
		}
		u32(uint32(i))
		bw.WriteByte(byte(len(ref)))
		bw.WriteString(ref)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(zst.Compress(raw.Bytes()))
	return err
}

func round(x float64) float64 {
	if x < 0 {
		return -float64(int64(-x + 0.5))
	}
	return float64(int64(x + 0.5))
}

// Index is a decoded gazetteer file. Its methods read straight from the
// decompressed bytes.
type Index struct {
	names   []byte
	nameOff []uint32
	codes   []string
	ents    []byte
	keys    []byte
	keyOff  []uint32
	postOff []uint32
	posts   []byte
	n, nk   int
	refIdx  []uint32 // entries with a Ref, ascending
	refs    []string
}

// Read decompresses and checks a gazetteer file.
func Read(r io.Reader) (*Index, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer index: %w", err)
	}
	return Decode(b)
}

// Decode decompresses and checks the bytes of a gazetteer file.
func Decode(b []byte) (*Index, error) {
	d, err := zst.Decompress(b, "gazetteer index")
	if err != nil {
		return nil, err
	}
	return parse(d)
}

var errShort = errors.New("gazetteer index: truncated")

func parse(d []byte) (*Index, error) {
	le := binary.LittleEndian
	if len(d) < 28 || string(d[:8]) != magic {
		return nil, errors.New("gazetteer index: not a sitrep gazetteer")
	}
	if v := le.Uint32(d[8:]); v != version {
		return nil, fmt.Errorf("gazetteer index: version %d, want %d", v, version)
	}
	x := &Index{n: int(le.Uint32(d[12:])), nk: int(le.Uint32(d[16:]))}
	np := int(le.Uint32(d[20:]))
	nc := int(le.Uint32(d[24:]))
	if x.n < 0 || x.nk < 0 || np < 0 || x.n > len(d) || x.nk > len(d) || np > len(d) {
		return nil, errShort
	}
	p := 28
	take := func(n int) ([]byte, error) {
		if n < 0 || p+n > len(d) {
			return nil, errShort
		}
		b := d[p : p+n]
		p += n
		return b, nil
	}
	// strings reads n length-prefixed strings and returns their bytes and the
	// offset of each string's first byte.
	strings := func(n int) ([]byte, []uint32, error) {
		start := p
		off := make([]uint32, n+1)
		for i := range n {
			if p >= len(d) {
				return nil, nil, errShort
			}
			l := int(d[p])
			p++
			off[i] = uint32(p - start)
			if p+l > len(d) {
				return nil, nil, errShort
			}
			p += l
		}
		// One past the end, as if a length byte followed: item i is
		// [off[i], off[i+1]-1) for every i.
		off[n] = uint32(p - start + 1)
		return d[start:p], off, nil
	}
	for range nc {
		l, err := take(1)
		if err != nil {
			return nil, err
		}
		s, err := take(int(l[0]))
		if err != nil {
			return nil, err
		}
		x.codes = append(x.codes, string(s))
	}
	var err error
	if x.names, x.nameOff, err = strings(x.n); err != nil {
		return nil, err
	}
	if x.ents, err = take(x.n * entrySize); err != nil {
		return nil, err
	}
	if x.keys, x.keyOff, err = strings(x.nk); err != nil {
		return nil, err
	}
	counts, err := take(x.nk)
	if err != nil {
		return nil, err
	}
	ob, err := take(4)
	if err != nil {
		return nil, err
	}
	over, err := take(int(le.Uint32(ob)) * 4)
	if err != nil {
		return nil, err
	}
	x.postOff = make([]uint32, x.nk+1)
	sum := uint32(0)
	for i, c := range counts {
		x.postOff[i] = sum
		n := uint32(c)
		if c == 255 {
			if len(over) < 4 {
				return nil, errShort
			}
			n = le.Uint32(over)
			over = over[4:]
		}
		sum += n
	}
	x.postOff[x.nk] = sum
	if int(sum) != np {
		return nil, errors.New("gazetteer index: posting counts disagree")
	}
	if x.posts, err = take(np * 4); err != nil {
		return nil, err
	}
	rb, err := take(4)
	if err != nil {
		return nil, err
	}
	nr := int(le.Uint32(rb))
	if nr > x.n {
		return nil, errShort
	}
	for range nr {
		h, err := take(5)
		if err != nil {
			return nil, err
		}
		i := le.Uint32(h)
		if int(i) >= x.n || len(x.refIdx) > 0 && i <= x.refIdx[len(x.refIdx)-1] {
			return nil, errors.New("gazetteer index: bad ref")
		}
		s, err := take(int(h[4]))
		if err != nil {
			return nil, err
		}
		x.refIdx = append(x.refIdx, i)
		x.refs = append(x.refs, string(s))
	}
	if p != len(d) {
		return nil, errors.New("gazetteer index: trailing bytes")
	}
	for i := range x.n {
		e := x.ents[i*entrySize:]
		for _, c := range []uint16{le.Uint16(e[16:]), le.Uint16(e[18:]), le.Uint16(e[20:])} {
			if int(c) >= len(x.codes) {
				return nil, errors.New("gazetteer index: bad code")
			}
		}
	}
	for i := 0; i < len(x.posts); i += 4 {
		if int(le.Uint32(x.posts[i:])>>flagBits) >= x.n {
			return nil, errors.New("gazetteer index: posting out of range")
		}
	}
	return x, nil
}

// Len is the number of entries.
func (x *Index) Len() int { return x.n }

// Keys is the number of distinct keys.
func (x *Index) Keys() int { return x.nk }

// Entry decodes entry i.
func (x *Index) Entry(i int) Entry {
	le := binary.LittleEndian
	r := x.ents[i*entrySize : (i+1)*entrySize]
	return Entry{
		ID:      int64(le.Uint32(r[0:])),
		Lat:     float64(int32(le.Uint32(r[4:]))) / 1e5,
		Lon:     float64(int32(le.Uint32(r[8:]))) / 1e5,
		Pop:     int64(le.Uint32(r[12:])),
		Name:    string(x.names[x.nameOff[i] : x.nameOff[i+1]-1]),
		Code:    x.codes[le.Uint16(r[16:])],
		Country: x.codes[le.Uint16(r[18:])],
		Admin1:  x.codes[le.Uint16(r[20:])],
		Class:   r[22],
		Source:  r[23],
		Ref:     x.ref(i),
	}
}

func (x *Index) ref(i int) string {
	k := sort.Search(len(x.refIdx), func(k int) bool { return x.refIdx[k] >= uint32(i) })
	if k < len(x.refIdx) && x.refIdx[k] == uint32(i) {
		return x.refs[k]
	}
	return ""
}

func (x *Index) code(i uint16) string {
	if int(i) < len(x.codes) {
		return x.codes[i]
	}
	return ""
}

func (x *Index) key(i int) []byte { return x.keys[x.keyOff[i] : x.keyOff[i+1]-1] }

// Posting is one entry filed under a key, with the posting flags.
type Posting struct {
	Entry int
	Flags uint32
}

// Lookup returns the postings filed under key, or nil.
func (x *Index) Lookup(key string) []Posting {
	i := x.find(key)
	if i < 0 {
		return nil
	}
	le := binary.LittleEndian
	a, b := x.postOff[i], x.postOff[i+1]
	out := make([]Posting, 0, b-a)
	for j := a; j < b; j++ {
		p := le.Uint32(x.posts[j*4:])
		out = append(out, Posting{Entry: int(p >> flagBits), Flags: p & (1<<flagBits - 1)})
	}
	return out
}

// EachKey calls fn with every key and its postings, in key order.
func (x *Index) EachKey(fn func(key string, ps []Posting)) {
	le := binary.LittleEndian
	for i := 0; i < x.nk; i++ {
		a, b := x.postOff[i], x.postOff[i+1]
		ps := make([]Posting, 0, b-a)
		for j := a; j < b; j++ {
			p := le.Uint32(x.posts[j*4:])
			ps = append(ps, Posting{Entry: int(p >> flagBits), Flags: p & (1<<flagBits - 1)})
		}
		fn(string(x.key(i)), ps)
	}
}

// Has reports whether any key equals key.
func (x *Index) Has(key string) bool { return x.find(key) >= 0 }

// HasPrefix reports whether some key starts with prefix followed by a space, that
// is whether prefix can begin a longer multi-word name.
func (x *Index) HasPrefix(prefix string) bool {
	p := prefix + " "
	i := sort.Search(x.nk, func(i int) bool { return string(x.key(i)) >= p })
	return i < x.nk && bytes.HasPrefix(x.key(i), []byte(p))
}

func (x *Index) find(key string) int {
	lo, hi := 0, x.nk
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if string(x.key(m)) < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < x.nk && string(x.key(lo)) == key {
		return lo
	}
	return -1
}

// Code returns entry i's feature code without decoding the rest.
func (x *Index) Code(i int) string {
	return x.code(binary.LittleEndian.Uint16(x.ents[i*entrySize+16:]))
}
