package catalog

import (
	"bytes"
	"encoding/binary"
)

// A tiny but real MP4 for demo "video samples": one 16×16 H.264 frame shown
// for one second. The frame is a single I_PCM macroblock (raw samples, no
// prediction or transform), which is the simplest legal H.264 picture, so no
// encoder library is needed. The boxes follow ISO/IEC 14496-12/-15.

// bitWriter writes H.264 RBSP bits, including Exp-Golomb codes.
type bitWriter struct {
	buf  []byte
	cur  byte
	nbit uint
}

func (w *bitWriter) bit(b uint) {
	w.cur = w.cur<<1 | byte(b&1)
	w.nbit++
	if w.nbit == 8 {
		w.buf = append(w.buf, w.cur)
		w.cur, w.nbit = 0, 0
	}
}

func (w *bitWriter) bits(v uint, n int) {
	for i := n - 1; i >= 0; i-- {
		w.bit(v >> uint(i))
	}
}

// ue writes an unsigned Exp-Golomb code.
func (w *bitWriter) ue(v uint) {
	v++
	n := 0
	for x := v; x > 1; x >>= 1 {
		n++
	}
	w.bits(0, n)
	w.bits(v, n+1)
}

func (w *bitWriter) align() {
	for w.nbit != 0 {
		w.bit(0)
	}
}

// trailing writes rbsp_trailing_bits and returns the RBSP.
func (w *bitWriter) trailing() []byte {
	w.bit(1)
	w.align()
	return w.buf
}

// nal wraps an RBSP in a NAL unit header, inserting emulation-prevention
// bytes so no start code appears inside.
func nal(header byte, rbsp []byte) []byte {
	out := []byte{header}
	zeros := 0
	for _, b := range rbsp {
		if zeros >= 2 && b <= 3 {
			out = append(out, 3)
			zeros = 0
		}
		out = append(out, b)
		if b == 0 {
			zeros++
		} else {
			zeros = 0
		}
	}
	return out
}

// h264Frame returns SPS, PPS and one IDR slice of a 16×16 grey picture.
func h264Frame() (sps, pps, idr []byte) {
	return h264SPS(), h264PPS(), h264IDR()
}

// h264SPS is a Baseline sequence of one 16×16 macroblock.
func h264SPS() []byte {
	var s bitWriter
	s.bits(66, 8)   // profile_idc: Baseline
	s.bits(0xC0, 8) // constraint_set0_flag, constraint_set1_flag
	s.bits(10, 8)   // level_idc 1.0
	s.ue(0)         // seq_parameter_set_id
	s.ue(0)         // log2_max_frame_num_minus4
	s.ue(0)         // pic_order_cnt_type
	s.ue(0)         // log2_max_pic_order_cnt_lsb_minus4
	s.ue(0)         // max_num_ref_frames
	s.bit(0)        // gaps_in_frame_num_value_allowed_flag
	s.ue(0)         // pic_width_in_mbs_minus1: 1 macroblock = 16 px
	s.ue(0)         // pic_height_in_map_units_minus1
	s.bit(1)        // frame_mbs_only_flag
	s.bit(1)        // direct_8x8_inference_flag
	s.bit(0)        // frame_cropping_flag
	s.bit(0)        // vui_parameters_present_flag
	return nal(0x67, s.trailing())
}

// h264PPS is a CAVLC picture parameter set without options.
func h264PPS() []byte {
	var p bitWriter
	p.ue(0)      // pic_parameter_set_id
	p.ue(0)      // seq_parameter_set_id
	p.bit(0)     // entropy_coding_mode_flag: CAVLC
	p.bit(0)     // bottom_field_pic_order_in_frame_present_flag
	p.ue(0)      // num_slice_groups_minus1
	p.ue(0)      // num_ref_idx_l0_default_active_minus1
	p.ue(0)      // num_ref_idx_l1_default_active_minus1
	p.bit(0)     // weighted_pred_flag
	p.bits(0, 2) // weighted_bipred_idc
	p.ue(0)      // pic_init_qp_minus26 = se(0)
	p.ue(0)      // pic_init_qs_minus26 = se(0)
	p.ue(0)      // chroma_qp_index_offset = se(0)
	p.bit(0)     // deblocking_filter_control_present_flag
	p.bit(0)     // constrained_intra_pred_flag
	p.bit(0)     // redundant_pic_cnt_present_flag
	return nal(0x68, p.trailing())
}

// h264IDR is an I slice holding one I_PCM macroblock.
func h264IDR() []byte {
	var d bitWriter
	d.ue(0)      // first_mb_in_slice
	d.ue(7)      // slice_type: I (all slices)
	d.ue(0)      // pic_parameter_set_id
	d.bits(0, 4) // frame_num
	d.ue(0)      // idr_pic_id
	d.bits(0, 4) // pic_order_cnt_lsb
	d.bit(0)     // no_output_of_prior_pics_flag
	d.bit(0)     // long_term_reference_flag
	d.ue(0)      // slice_qp_delta = se(0)
	d.ue(25)     // mb_type: I_PCM
	d.align()    // pcm_alignment_zero_bit
	for i := 0; i < 256; i++ {
		d.bits(uint(96+i%64), 8) // luma: a soft gradient, never 0x00
	}
	for i := 0; i < 128; i++ {
		d.bits(128, 8) // Cb, Cr: neutral
	}
	return nal(0x65, d.trailing())
}

// box writes an ISO BMFF box: size, type, payload parts.
func box(typ string, parts ...[]byte) []byte {
	n := 8
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 8, n)
	binary.BigEndian.PutUint32(out, uint32(n))
	copy(out[4:], typ)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// be packs big-endian integers: uint8, uint16, uint32 values as given.
func be(vals ...any) []byte {
	var b bytes.Buffer
	for _, v := range vals {
		binary.Write(&b, binary.BigEndian, v) // #nosec G104 -- bytes.Buffer never fails
	}
	return b.Bytes()
}

var unityMatrix = be(uint32(0x10000), uint32(0), uint32(0), uint32(0), uint32(0x10000), uint32(0), uint32(0), uint32(0), uint32(0x40000000))

// makeMP4 muxes the frame as a one-second video track.
func makeMP4() []byte {
	sps, pps, idr := h264Frame()
	sample := append(be(uint32(len(idr))), idr...) // #nosec G115 -- a constant 16x16 demo frame of a few hundred bytes
	ftyp := box("ftyp", []byte("isom"), be(uint32(512)), []byte("isomiso2avc1mp41"))
	mdat := box("mdat", sample)
	const timescale, duration = 1000, 1000
	avcC := box("avcC", be(uint8(1), uint8(66), uint8(0xC0), uint8(10), uint8(0xFF), uint8(0xE1), uint16(len(sps))), sps, // #nosec G115 -- constant SPS of a few bytes
		be(uint8(1), uint16(len(pps))), pps) // #nosec G115 -- constant PPS of a few bytes
	avc1 := box("avc1", make([]byte, 6), be(uint16(1), uint16(0), uint16(0)), make([]byte, 12),
		be(uint16(16), uint16(16), uint32(0x480000), uint32(0x480000), uint32(0), uint16(1)), make([]byte, 32),
		be(uint16(0x18), uint16(0xFFFF)), avcC)
	stbl := box("stbl",
		box("stsd", be(uint32(0), uint32(1)), avc1),
		box("stts", be(uint32(0), uint32(1), uint32(1), uint32(duration))),
		box("stss", be(uint32(0), uint32(1), uint32(1))),
		box("stsc", be(uint32(0), uint32(1), uint32(1), uint32(1), uint32(1))),
		box("stsz", be(uint32(0), uint32(0), uint32(1), uint32(len(sample)))), // #nosec G115 -- the constant demo frame, a few hundred bytes
		box("stco", be(uint32(0), uint32(1), uint32(len(ftyp)+8))),            // #nosec G115 -- ftyp is 32 bytes
	)
	minf := box("minf",
		box("vmhd", be(uint32(1), uint16(0), uint16(0), uint16(0), uint16(0))),
		box("dinf", box("dref", be(uint32(0), uint32(1)), box("url ", be(uint32(1))))),
		stbl)
	mdia := box("mdia",
		box("mdhd", be(uint32(0), uint32(0), uint32(0), uint32(timescale), uint32(duration), uint16(0x55C4), uint16(0))),
		box("hdlr", be(uint32(0), uint32(0)), []byte("vide"), make([]byte, 12), []byte("VideoHandler\x00")),
		minf)
	tkhd := box("tkhd", be(uint32(3), uint32(0), uint32(0), uint32(1), uint32(0), uint32(duration)), make([]byte, 8),
		be(uint16(0), uint16(0), uint16(0), uint16(0)), unityMatrix, be(uint32(16<<16), uint32(16<<16)))
	mvhd := box("mvhd", be(uint32(0), uint32(0), uint32(0), uint32(timescale), uint32(duration), uint32(0x10000), uint16(0x100)),
		make([]byte, 10), unityMatrix, make([]byte, 24), be(uint32(2)))
	moov := box("moov", mvhd, box("trak", tkhd, mdia))
	out := append(ftyp, mdat...)
	return append(out, moov...)
}
