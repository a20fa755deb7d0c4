import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentPrincipal } from "@/lib/auth/page";
import { signInMethods } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { userCount } from "@/lib/users/service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths: anything else would make sign-in an open redirect. */
function safeCallback(value: string | string[] | undefined): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentPrincipal()) redirect(callbackUrl);
  const methods = signInMethods();
  // With password sign-in off there is no first account to create here: the first admin comes through SSO.
  const setup = methods.password && (await userCount(db()).catch(() => 1)) === 0;
  return (
    <div className="mx-auto mt-10 grid max-w-sm gap-6">
      <div className="grid gap-1 text-center">
        <h1 className="text-xl font-semibold tracking-tight">{setup ? "Set up Tether" : "Sign in to Tether"}</h1>
        <p className="text-sm text-muted-foreground">
          {setup ? "Create the first account. It becomes the admin; you add everyone else from Users." : "Integration health for your team."}
        </p>
      </div>
      <SignInForm
        setup={setup}
        password={methods.password}
        providers={methods.providers}
        callbackUrl={callbackUrl}
        initialError={typeof params.error === "string" ? params.error : undefined}
      />
      {!setup && methods.password && process.env.TETHER_DEMO_ACCOUNT ? (
        <p className="text-center text-xs text-muted-foreground">
          Demo: sign in as <span className="font-mono">{process.env.TETHER_DEMO_ACCOUNT}</span>; its password was printed where you ran{" "}
          <span className="font-mono">npm start</span>.
        </p>
      ) : null}
    </div>
  );
}
