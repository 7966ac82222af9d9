#include "textflag.h"

// func addRow16(acc []int32, row []int16)
//
// Each step loads eight 16-bit weights, widens them to 32 bits (interleaved with
// zeros into the high halves of four lanes, then shifted arithmetically back down,
// which keeps the sign) and adds them to eight 32-bit sums.
TEXT ·addRow16(SB), NOSPLIT, $0-48
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
