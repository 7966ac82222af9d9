#include "textflag.h"

// func addRow16SSE2(acc []int32, row []int16)
//
// Each step loads eight 16-bit weights, widens them to 32 bits (interleaved with
// zeros into the high halves of four lanes, then shifted arithmetically back down,
// which keeps the sign) and adds them to eight 32-bit sums.
TEXT ·addRow16SSE2(SB), NOSPLIT, $0-48
	MOVQ acc_base+0(FP), DI
	MOVQ row_base+24(FP), SI
	MOVQ row_len+32(FP), CX
	SHRQ $3, CX
	JZ   done

loop:
	MOVOU     (SI), X0
	PXOR      X1, X1
	PXOR      X2, X2
	PUNPCKLWL X0, X1
	PUNPCKHWL X0, X2
	PSRAL     $16, X1
	PSRAL     $16, X2
	MOVOU     (DI), X3
	MOVOU     16(DI), X4
	PADDL     X3, X1
	PADDL     X4, X2
	MOVOU     X1, (DI)
	MOVOU     X2, 16(DI)
	ADDQ      $16, SI
	ADDQ      $32, DI
	DECQ      CX
	JNZ       loop

done:
	RET

// func addRow16AVX2(acc []int32, row []int16)
//
// The same with AVX2: one instruction widens eight weights, with their signs, to
// eight 32-bit lanes, and one adds them to the sums.
TEXT ·addRow16AVX2(SB), NOSPLIT, $0-48
	MOVQ acc_base+0(FP), DI
	MOVQ row_base+24(FP), SI
	MOVQ row_len+32(FP), CX
	SHRQ $3, CX
	JZ   done2

	// two steps at a time while at least two remain
	CMPQ CX, $2
	JB   tail

pair:
	VPMOVSXWD (SI), Y0
	VPMOVSXWD 16(SI), Y1
	VPADDD    (DI), Y0, Y0
	VPADDD    32(DI), Y1, Y1
	VMOVDQU   Y0, (DI)
	VMOVDQU   Y1, 32(DI)
	ADDQ      $32, SI
	ADDQ      $64, DI
	SUBQ      $2, CX
	CMPQ      CX, $2
	JAE       pair

tail:
	TESTQ CX, CX
	JZ    end
	VPMOVSXWD (SI), Y0
	VPADDD    (DI), Y0, Y0
	VMOVDQU   Y0, (DI)

end:
	VZEROUPPER

done2:
	RET
