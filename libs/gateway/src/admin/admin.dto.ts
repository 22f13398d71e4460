import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { API_ROLES, type ApiRole } from '../auth/api-key.model';

/** Normalized symbol shape of DESIGN.md (BASE-QUOTE, -PERP, -YYMMDD, options). */
export const SYMBOL_PATTERN = /^[A-Z0-9]{1,20}-[A-Z0-9]{1,20}(-PERP|-\d{6}(-[0-9.]+-[CP])?)?$/;

export class SetSymbolsDto {
  @ApiProperty({ example: ['BTC-USDT', 'ETH-USDT'], description: 'normalized symbols' })
  @IsArray()
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  @Matches(SYMBOL_PATTERN, {
    each: true,
    message: 'each symbol must be a normalized symbol like BTC-USDT',
  })
  symbols!: string[];
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'desk-eu' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name!: string;

  @ApiProperty({ enum: API_ROLES })
  @IsIn(API_ROLES)
  role!: ApiRole;
}
