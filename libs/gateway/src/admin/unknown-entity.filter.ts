import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { UnknownEntityError } from '../errors/unknown-entity.error';

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/** UnknownEntityError → 404 with the reason (the registry port knows nothing of HTTP). */
@Catch(UnknownEntityError)
export class UnknownEntityFilter implements ExceptionFilter {
  catch(error: UnknownEntityError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<JsonResponse>()
      .status(404)
      .json({ statusCode: 404, error: 'Not Found', code: error.code, message: error.message });
  }
}
